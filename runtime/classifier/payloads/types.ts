/**
 * Contracts of the payload readers: what they need (an object getter, limits) and what they report
 * besides records (read issues). A reader never throws on bad input: it reports an issue and goes on.
 */
import type { Readable } from 'node:stream';
import type { RecordSource } from '../types';

/** Fetches one S3 object's body as a stream. Injectable so tests and `lambda test` read from memory. */
export type ObjectGetter = (bucket: string, key: string) => Promise<Readable | AsyncIterable<Uint8Array>>;

/** Bounds that keep one bad object or record from exhausting the function's memory. */
export interface ReadLimits {
  /**
   * Most bytes inflated from one compressed object read as a stream (S3, a local file): a gzip bomb stops
   * here, reported. Streaming keeps memory bounded whatever this is; it bounds the time spent on one object.
   * In-memory payloads (a Kinesis record, a CloudWatch Logs payload) stop at `maxLineBytes` instead.
   * @default 2 GiB
   */
  readonly maxInflatedBytes: number;
  /** Longest line kept; a longer one is reported with its first bytes, never buffered whole. @default 10 MiB */
  readonly maxLineBytes: number;
  /**
   * Largest whole-object JSON document (for example a pretty-printed CloudTrail file) read as one record;
   * a larger object is read line by line instead, with a warning. @default 32 MiB
   */
  readonly maxDocumentBytes: number;
}

const MIB = 1024 * 1024;

/** Limits used when none are given. */
export const DEFAULT_READ_LIMITS: ReadLimits = {
  maxInflatedBytes: 2048 * MIB,
  maxLineBytes: 10 * MIB,
  maxDocumentBytes: 32 * MIB,
};

/** Stable codes of the problems a reader reports. */
export type ReadIssueCode =
  /** Inflated data went over `maxInflatedBytes` (gzip bomb, or an object too big to read). */
  | 'TooLarge'
  /** A line went over `maxLineBytes`. */
  | 'LineTooLong'
  /** Compressed data could not be inflated (truncated or corrupt). */
  | 'Decompress'
  /** Binary data (NUL bytes or not UTF-8 at the start): not a log. */
  | 'NotText'
  /** One line or record is not valid UTF-8. */
  | 'InvalidUtf8'
  /** The S3 object could not be fetched, or its stream broke. */
  | 'FetchFailed'
  /** An empty S3 object or payload: nothing to read. */
  | 'Empty'
  /** The event (or a part of it) does not have the shape of any supported service. */
  | 'Malformed'
  /** Deliberately not read: a CloudWatch Logs CONTROL_MESSAGE, an S3 test event, a removed object. */
  | 'Skipped'
  /** The source is not configured in `data_sources`, so the data was not fetched. */
  | 'UnknownSource';

/**
 * Something a reader could not turn into records, or chose to skip.
 * `error` means data was not read (counted as a failed read); `warn` and `info` are skips.
 */
export interface ReadIssue {
  readonly level: 'error' | 'warn' | 'info';
  readonly code: ReadIssueCode;
  /** One line that names what and where: `s3://bucket/key: line 12 is longer than 10485760 bytes`. */
  readonly reason: string;
  /** Where the data came from, when known. */
  readonly source?: RecordSource;
  /** The first bytes of the data (at most ~256 characters), so the report can be acted on. */
  readonly preview?: string;
  /**
   * Set for a transient failure (S3 503 SlowDown, throttling, a connection reset mid-object): the data was
   * not (wholly) read and reading it again later may work, so the invocation asks Lambda to retry it
   * instead of dead-lettering it.
   */
  readonly retry?: true;
  /**
   * The Lambda event record the issue belongs to, for a partial batch response: the Kinesis sequence
   * number or the SQS message id (`batchItemFailures[].itemIdentifier`).
   */
  readonly item?: EventItem;
}

/** One record of a Lambda event, as a partial batch response names it. */
export interface EventItem {
  readonly service: 'kinesis' | 'sqs' | 's3' | 'sns';
  /** Kinesis `sequenceNumber` or SQS `messageId` (absent for S3 and SNS: those are retried whole). */
  readonly id?: string;
}

/** Options of {@link readEvent}. */
export interface PayloadReaderOptions {
  /** Receives every issue; the caller counts and logs them (nothing is dropped silently). */
  readonly onIssue: (issue: ReadIssue) => void;
  /** @default an S3 GetObject getter on a lazily created S3 client */
  readonly getObject?: ObjectGetter;
  /** @default DEFAULT_READ_LIMITS */
  readonly limits?: Partial<ReadLimits>;
  /**
   * Called before an S3 object is fetched; returning a reason skips the fetch (reported as `UnknownSource`).
   * The rule processor uses it so that an object from an unconfigured bucket is not downloaded.
   */
  readonly beforeFetch?: (source: RecordSource) => string | undefined;
}

/** What every reader receives: the options resolved once per event. */
export interface ReadContext {
  readonly limits: ReadLimits;
  readonly report: (issue: ReadIssue) => void;
  readonly getObject: () => ObjectGetter;
  readonly beforeFetch?: (source: RecordSource) => string | undefined;
}
