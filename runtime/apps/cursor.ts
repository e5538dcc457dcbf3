/**
 * Cursor helpers for APIs whose time filter is inclusive (`since=T` returns records at T again): the
 * cursor keeps the newest time sent and the ids of the records at exactly that time, so the next poll
 * drops them and nothing is sent twice, while records sharing that time but not yet seen still go out.
 */
import type { AppCursor } from './types';

/** How an app reads a log's time (epoch milliseconds) and its unique id. */
export interface LogIdentity {
  readonly timeOf: (log: unknown) => number;
  readonly idOf: (log: unknown) => string;
}

/** Newest time sent, as epoch milliseconds (undefined before the first record). */
export function cursorTime(cursor: AppCursor): number | undefined {
  const t = cursor.last_timestamp === undefined ? NaN : Number(cursor.last_timestamp);
  return Number.isFinite(t) ? t : undefined;
}

/**
 * Most ids kept for the records at the cursor's time; past it the state keeps their number instead
 * (`seen_count`), so it stays far below SSM's 4,096 characters whatever the volume in one second.
 */
export const MAX_SEEN_IDS = 40;

/** The logs not sent yet: newer than the cursor, or at its time with an id not seen (or past the count seen). */
export function unseen(logs: readonly unknown[], cursor: AppCursor, identity: LogIdentity): unknown[] {
  const last = cursorTime(cursor);
  if (last === undefined) return [...logs];
  const seen = new Set(cursor.seen_ids ?? []);
  let skip = cursor.seen_count ?? 0;
  return logs.filter((log) => {
    const t = identity.timeOf(log);
    if (t < last) return false;
    if (t !== last) return true;
    if (cursor.seen_count !== undefined) return skip-- <= 0;
    return !seen.has(identity.idOf(log));
  });
}

/** The cursor after sending `logs` (which came after `cursor`). */
export function advance(cursor: AppCursor, logs: readonly unknown[], identity: LogIdentity): AppCursor {
  let last = cursorTime(cursor);
  let seen = new Set(cursor.seen_ids ?? []);
  let count = cursor.seen_count ?? seen.size;
  let counting = cursor.seen_count !== undefined;
  for (const log of logs) {
    const t = identity.timeOf(log);
    if (!Number.isFinite(t)) continue;
    if (last === undefined || t > last) {
      last = t;
      seen = new Set([identity.idOf(log)]);
      count = 1;
      counting = false;
    } else if (t === last) {
      count += 1;
      if (!counting) seen.add(identity.idOf(log));
    }
  }
  if (last === undefined) return cursor;
  const { seen_ids: _ids, seen_count: _count, ...rest } = cursor;
  void _ids;
  void _count;
  if (counting || seen.size > MAX_SEEN_IDS) return { ...rest, last_timestamp: String(last), seen_count: count };
  return { ...rest, last_timestamp: String(last), seen_ids: [...seen] };
}

/** Where the first run starts: `lookbackSeconds` before `now`, as epoch milliseconds. */
export function startTime(cursor: AppCursor, now: Date, lookbackSeconds: number): number {
  return cursorTime(cursor) ?? now.getTime() - lookbackSeconds * 1000;
}

/**
 * One page of a scan that follows next links: the logs not sent before the scan started, and the cursor
 * after them (`next` kept while the API has more, the scan's start kept until it ends).
 */
export function followPage(cursor: AppCursor, page: readonly unknown[], identity: LogIdentity, next: string | undefined): { logs: unknown[]; cursor: AppCursor } {
  const position = (c: AppCursor): AppCursor => ({
    last_timestamp: c.last_timestamp,
    ...(c.seen_ids === undefined ? {} : { seen_ids: c.seen_ids }),
    ...(c.seen_count === undefined ? {} : { seen_count: c.seen_count }),
  });
  const start = cursor.cursor === undefined ? position(cursor) : (cursor.scan ?? {});
  const logs = unseen(page, start, identity);
  const moved = advance(position(cursor), logs, identity);
  return { logs, cursor: next === undefined ? moved : { ...moved, cursor: next, scan: start } };
}
