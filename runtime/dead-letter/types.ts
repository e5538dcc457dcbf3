/** Contracts of the dead-letter store: what one kept record looks like and what writes an object. */
import type { CandidateFailure, RecordSource } from '../classifier/types';

/** One line of a dead-letter object. */
export interface DeadLetterEntry {
  /**
   * `unclassified`: a record that matched no schema; `failed_record`: a record on which a step threw after
   * it was read (replayed like an unclassified one); `failed_read`: data that could not be read at all;
   * `firehose_failed`: a classified record Firehose did not take (its JSON line, as it would have been delivered).
   */
  readonly kind: 'unclassified' | 'failed_record' | 'failed_read' | 'firehose_failed';
  /**
   * The raw record, whole (not cut like the log line's copy): the text as read, or the decoded JSON value
   * (StreamAlert app logs). For a `failed_read` there is no record: its first bytes (`preview`), if any.
   */
  readonly data: unknown;
  /** Set when `data` holds bytes that are not text, base64-encoded. */
  readonly encoding?: 'base64';
  readonly source?: RecordSource;
  readonly reason: string;
  /** Each log type tried and why it failed (`unclassified` only). */
  readonly candidates: readonly CandidateFailure[];
  /** The read issue's code (`failed_read`), or Firehose's error code (`firehose_failed`). */
  readonly code?: string;
  /** The delivery stream (`firehose_failed` only). */
  readonly stream?: string;
  /**
   * Set when `data` is the whole payload a rejected sub-record came from (the sub-record alone was cut in the
   * classifier's copy): replaying it also classifies again the payload's records that matched.
   */
  readonly whole_payload?: true;
}

/**
 * Stores one dead-letter object (gzip JSON lines). Injectable so that tests keep objects in memory.
 * A writer may throw: the rule processor logs the failure and fails the invocation, so Lambda retries it.
 */
export interface DeadLetterWriter {
  /** Where objects go, for log lines (`s3://bucket`). */
  readonly destination: string;
  put(key: string, body: Uint8Array): Promise<void>;
}
