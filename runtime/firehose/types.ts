/** Contracts of the Firehose forwarder: the sender it calls and what it counts. */

/** One entry of a PutRecordBatch call that Firehose did not accept. */
export interface FailedEntry {
  /** Position of the entry in the records of the call. */
  readonly index: number;
  /** Firehose's per-entry `ErrorCode` (`ServiceUnavailableException`, ...). */
  readonly code: string;
  readonly message?: string;
}

/**
 * Sends one PutRecordBatch call. It reports the entries Firehose refused (partial failure) and throws
 * when the call as a whole fails (after the SDK's own retries).
 */
export interface FirehoseSender {
  putRecordBatch(streamName: string, records: readonly Uint8Array[]): Promise<{ readonly failed: readonly FailedEntry[] }>;
}

/** What the forwarder did with one batch's classified records. */
export interface FirehoseCounts {
  /** Records Firehose accepted. */
  readonly sent: number;
  /** Records Firehose refused after every attempt, or whose call threw. */
  readonly failed: number;
  /** Records over Firehose's per-record limit, never sent. */
  readonly too_large: number;
}

/** Bounded exponential backoff of the entries Firehose refused. */
export interface RetryPolicy {
  /** Calls per entry, the first included. @default 3 */
  readonly attempts: number;
  /** Delay before the first retry; it doubles for each next one (with jitter). @default 100 */
  readonly baseDelayMs: number;
}
