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

/** The logs not sent yet: newer than the cursor, or at its time with an id not seen. */
export function unseen(logs: readonly unknown[], cursor: AppCursor, identity: LogIdentity): unknown[] {
  const last = cursorTime(cursor);
  if (last === undefined) return [...logs];
  const seen = new Set(cursor.seen_ids ?? []);
  return logs.filter((log) => {
    const t = identity.timeOf(log);
    return !(t < last || (t === last && seen.has(identity.idOf(log))));
  });
}

/** The cursor after sending `logs` (which came after `cursor`). */
export function advance(cursor: AppCursor, logs: readonly unknown[], identity: LogIdentity): AppCursor {
  let last = cursorTime(cursor);
  let seen = new Set(cursor.seen_ids ?? []);
  for (const log of logs) {
    const t = identity.timeOf(log);
    if (!Number.isFinite(t)) continue;
    if (last === undefined || t > last) {
      last = t;
      seen = new Set([identity.idOf(log)]);
    } else if (t === last) {
      seen.add(identity.idOf(log));
    }
  }
  return last === undefined ? cursor : { ...cursor, last_timestamp: String(last), seen_ids: [...seen] };
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
  const start = cursor.cursor === undefined ? { last_timestamp: cursor.last_timestamp, seen_ids: cursor.seen_ids } : (cursor.scan ?? {});
  const logs = unseen(page, start, identity);
  const moved = advance({ last_timestamp: cursor.last_timestamp, seen_ids: cursor.seen_ids }, logs, identity);
  return { logs, cursor: next === undefined ? moved : { ...moved, cursor: next, scan: start } };
}
