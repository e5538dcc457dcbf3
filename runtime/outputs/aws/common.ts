/** What the AWS outputs share: one SDK client per service and region, timeouts, and error classification. */
import { errorMessage } from '../../errors';
import type { OutputResult } from '../types';

/**
 * A per-region cache of lazily created clients: `make` runs once per region and container.
 */
export function clientCache<T>(make: (region: string) => Promise<T>): (region: string) => Promise<T> {
  const cache = new Map<string, Promise<T>>();
  return (region) => {
    let found = cache.get(region);
    if (found === undefined) {
      found = make(region);
      // A failed import must not poison the cache.
      found.catch(() => cache.delete(region));
      cache.set(region, found);
    }
    return found;
  };
}

/** SDK error names that mean "try again later" even with a 4xx status. */
const RETRYABLE_NAMES = new Set(['ThrottlingException', 'Throttling', 'ThrottledException', 'TooManyRequestsException', 'RequestLimitExceeded', 'SlowDown', 'ServiceUnavailable', 'ServiceUnavailableException', 'InternalError', 'InternalFailure', 'KMSThrottlingException', 'ProvisionedThroughputExceededException', 'RequestTimeout', 'RequestTimeoutException']);

/**
 * Turns an SDK error into a failed {@link OutputResult}: timeouts, throttling, 5xx and network errors are
 * retryable; other 4xx (no such topic, access denied, invalid parameter) are permanent.
 */
export function sdkFailure(what: string, err: unknown, timeoutMs: number): OutputResult {
  const e = err as { name?: string; $metadata?: { httpStatusCode?: number } } | null;
  const name = e?.name ?? 'Error';
  if (name === 'AbortError' || name === 'TimeoutError') return { ok: false, retryable: true, error: `${what}: no answer within ${timeoutMs} ms` };
  const status = e?.$metadata?.httpStatusCode;
  const retryable = RETRYABLE_NAMES.has(name) || status === undefined || status >= 500 || status === 429 || status === 408;
  return { ok: false, retryable, error: `${what}: ${name}${status === undefined ? '' : ` (HTTP ${status})`}: ${errorMessage(err)}` };
}

/** The partition of a region, for ARNs. */
export function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

/** The publication as the JSON text AWS outputs send. */
export function publicationText(publication: unknown): string {
  return JSON.stringify(publication);
}

/** An abort signal that fires after `ms` (one per call). */
export function deadline(ms: number): AbortSignal {
  return AbortSignal.timeout(ms);
}
