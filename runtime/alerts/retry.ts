/** Bounded retries with exponential backoff for items DynamoDB leaves unprocessed. */

/** How many times and how long to wait. */
export interface RetryPolicy {
  /** Calls in all (the first one included). */
  readonly attempts: number;
  readonly baseMs: number;
  readonly maxMs: number;
}

/**
 * Default: 8 calls, waits of 50 ms doubling up to 2 s (about 5 s in all): long enough for a throttled
 * on-demand table to absorb a burst, short enough to fail the invocation well within its timeout.
 */
export const DEFAULT_RETRY: RetryPolicy = { attempts: 8, baseMs: 50, maxMs: 2000 };

/** Wait before call `attempt` (1-based, the first retry is attempt 2), with full jitter. */
export function backoffMs(policy: RetryPolicy, attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, attempt - 2));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/** Sleeps `ms` milliseconds. */
export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Splits a list into chunks of `size`. */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
