/** Time helpers for rule authors: is a timestamp within the last N minutes? */

/** The clock the helpers read; the engine and tests may replace it. */
let clock: () => number = () => Date.now();

/** Sets the clock the time helpers use (tests, replays). Returns the previous one. */
export function setClock(next: () => number): () => number {
  const previous = clock;
  clock = next;
  return previous;
}

/**
 * Milliseconds since the epoch of a timestamp: a number or numeric string of epoch seconds or epoch
 * milliseconds (values above 1e11 are taken as milliseconds), an ISO-8601 string, or a Date. `undefined` if
 * it is none of those.
 */
export function toEpochMillis(value: unknown): number | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.getTime();
  if (typeof value === 'number') return Number.isFinite(value) ? (Math.abs(value) > 1e11 ? value : value * 1000) : undefined;
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  const text = value.trim();
  if (/^-?\d+(\.\d+)?$/.test(text)) return toEpochMillis(Number(text));
  const parsed = Date.parse(text);
  return Number.isNaN(parsed) ? undefined : parsed;
}

/**
 * True when `value` (see {@link toEpochMillis}) is at most `minutes` minutes in the past (and not in the future
 * by more than a minute of clock skew).
 *
 * @example
 * ```ts
 * withinLastMinutes(rec.eventTime, 15)
 * ```
 */
export function withinLastMinutes(value: unknown, minutes: number): boolean {
  const at = toEpochMillis(value);
  if (at === undefined) return false;
  const now = clock();
  return at >= now - minutes * 60_000 && at <= now + 60_000;
}

/** True when `value` is within the last hour (StreamAlert's `last_hour`). */
export function withinLastHour(value: unknown): boolean {
  return withinLastMinutes(value, 60);
}

/** True when `value` is within the last 24 hours. */
export function withinLastDay(value: unknown): boolean {
  return withinLastMinutes(value, 24 * 60);
}
