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
  /** The records behind `failed` and `too_large`, to keep for replay. */
  readonly refused: readonly RefusedRecord[];
}

/** Bounded exponential backoff of the entries Firehose refuses. */
export interface RetryPolicy {
  /** Most calls per entry, the first included. @default 12 */
  readonly attempts: number;
  /** Delay before the first retry; it doubles for each next one (with jitter). @default 100 */
  readonly baseDelayMs: number;
  /**
   * Most time spent waiting between retries of one call, in milliseconds: once the next delay would pass
   * it, the entries still refused are given up (and dead-lettered by the rule processor). @default 8000
   */
  readonly budgetMs?: number;
}

/** A record Firehose did not take: what the rule processor dead-letters. */
export interface RefusedRecord {
  readonly stream: string;
  /** The record's JSON line, as it would have been delivered. */
  readonly line: Uint8Array;
  /** Firehose's error code, the thrown error's name, or `TooLarge`. */
  readonly code: string;
}
