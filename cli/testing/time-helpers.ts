/**
 * Time helpers in fixture data: placeholders in any string value (nested objects and lists included) that
 * become a time relative to when the test runs, so rules with time windows keep passing.
 *
 * | placeholder                 | value                                  |
 * |-----------------------------|----------------------------------------|
 * | `<helper:last_hour>`        | one minute ago (StreamAlert's helper)  |
 * | `<helper:now>`              | now                                    |
 * | `<helper:last_day>`         | one hour ago (within the last day)     |
 * | `<helper:minutes_ago:N>`    | N minutes ago                          |
 *
 * Each gives epoch seconds; add `:ms` for epoch milliseconds or `:iso` for ISO-8601
 * (`<helper:minutes_ago:5:iso>`, `<helper:now:ms>`). A string that is only a placeholder in seconds or
 * milliseconds form keeps StreamAlert's behaviour: it becomes the number as a string (the schema's type
 * coercion turns it into an integer where the schema says so).
 */

const PLACEHOLDER = /<helper:([a-z_]+)((?::[^:>]+)*)>/g;

/** Result of filling the placeholders of a value. */
export interface FilledValue {
  readonly value: unknown;
  /** Placeholders that are not known helpers (left unchanged). */
  readonly unknown: readonly string[];
}

function offsetMinutes(name: string, args: readonly string[]): number | undefined {
  switch (name) {
    case 'now':
      return 0;
    case 'last_hour':
      return 1;
    case 'last_day':
      return 60;
    case 'minutes_ago': {
      const minutes = Number(args[0]);
      return args[0] !== undefined && Number.isFinite(minutes) && minutes >= 0 ? minutes : undefined;
    }
    default:
      return undefined;
  }
}

/** The text a placeholder stands for at `now` (epoch milliseconds), or `undefined` when it is not a helper. */
export function expandHelper(name: string, rawArgs: string, now: number): string | undefined {
  const args = rawArgs.split(':').filter((a) => a !== '');
  const format = args[args.length - 1] === 'ms' || args[args.length - 1] === 'iso' ? args.pop() : 'seconds';
  const minutes = offsetMinutes(name, args);
  const expectedArgs = name === 'minutes_ago' ? 1 : 0;
  if (minutes === undefined || args.length !== expectedArgs) return undefined;
  const at = now - minutes * 60_000;
  if (format === 'ms') return String(at);
  if (format === 'iso') return new Date(at).toISOString();
  return String(Math.floor(at / 1000));
}

/** Replaces every time helper in the strings of `value` (deeply); object keys are left alone. */
export function fillTimeHelpers(value: unknown, now: number = Date.now()): FilledValue {
  const unknown: string[] = [];
  const fill = (current: unknown): unknown => {
    if (typeof current === 'string') {
      return current.replace(PLACEHOLDER, (whole, name: string, args: string) => {
        const text = expandHelper(name, args, now);
        if (text === undefined) unknown.push(whole);
        return text ?? whole;
      });
    }
    if (Array.isArray(current)) return current.map(fill);
    if (current !== null && typeof current === 'object') {
      return Object.fromEntries(Object.entries(current).map(([k, v]) => [k, fill(v)]));
    }
    return current;
  };
  return { value: fill(value), unknown };
}
