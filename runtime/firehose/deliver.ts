/**
 * One PutRecordBatch call with bounded retries: the entries Firehose refuses (`FailedPutCount`, per-entry
 * `ErrorCode`, e.g. throttling) are sent again after an exponential backoff, up to `attempts` calls or until
 * the waiting would pass the retry budget (seconds, not milliseconds: a throttled stream needs time). A call
 * that throws is not retried here: the SDK has already retried it. What is still refused is returned.
 */
import { errorMessage } from '../errors';
import type { FailedEntry, FirehoseSender, RetryPolicy } from './types';

/** What became of one call's records. */
export interface DeliveryOutcome {
  readonly sent: number;
  readonly failed: number;
  /** Error code -> records that ended with it (empty when all were sent). */
  readonly errors: Readonly<Record<string, number>>;
  /** The message of a thrown error, when the call threw. */
  readonly thrown?: string;
  /** The records not delivered, with their error codes. */
  readonly refused: readonly { readonly record: Uint8Array; readonly code: string }[];
}

/** Waits `ms` milliseconds (replaced in tests). */
export type Sleep = (ms: number) => Promise<void>;

/** The default waiting. */
export const sleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Delay before retry `retry` (1, 2, ...): base * 2^(retry-1), half of it random ("equal jitter"). */
export function backoffDelay(policy: RetryPolicy, retry: number, random: () => number = Math.random): number {
  const delay = policy.baseDelayMs * 2 ** (retry - 1);
  return delay / 2 + random() * (delay / 2);
}

/** Sends `records` to `stream`, retrying refused entries; never throws. */
export async function deliverCall(
  sender: FirehoseSender,
  stream: string,
  records: readonly Uint8Array[],
  policy: RetryPolicy,
  wait: Sleep,
): Promise<DeliveryOutcome> {
  let pending = records;
  let failed: readonly FailedEntry[] = [];
  let waited = 0;
  const budget = policy.budgetMs ?? Number.POSITIVE_INFINITY;
  for (let attempt = 1; attempt <= policy.attempts; attempt++) {
    if (attempt > 1) {
      const delay = backoffDelay(policy, attempt - 1);
      if (waited + delay > budget) break;
      waited += delay;
      await wait(delay);
    }
    try {
      ({ failed } = await sender.putRecordBatch(stream, pending));
    } catch (err) {
      const name = (err as { name?: unknown }).name;
      const code = typeof name === 'string' && name !== '' ? name : 'Error';
      return {
        sent: records.length - pending.length,
        failed: pending.length,
        errors: { [code]: pending.length },
        thrown: errorMessage(err),
        refused: pending.map((record) => ({ record, code })),
      };
    }
    if (failed.length === 0) return { sent: records.length, failed: 0, errors: {}, refused: [] };
    pending = failed.map((f) => pending[f.index]).filter((r): r is Uint8Array => r !== undefined);
  }
  const errors: Record<string, number> = {};
  for (const entry of failed) errors[entry.code] = (errors[entry.code] ?? 0) + 1;
  const codes = failed.map((f) => f.code);
  return {
    sent: records.length - pending.length,
    failed: pending.length,
    errors,
    refused: pending.map((record, i) => ({ record, code: codes[i] ?? 'Refused' })),
  };
}
