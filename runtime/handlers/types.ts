/** Contracts of the rule processor: what plugs into it and what one invocation returns. */
import type { AlertSink } from '../alerts/types';
import type { ObjectGetter, ReadLimits } from '../classifier/payloads';
import type { ClassifiedRecord } from '../classifier/types';
import type { Config } from '../config/types';
import type { DeadLetterWriter } from '../dead-letter/types';
import type { Logger } from '../logger';
import type { FirehoseSender, RetryPolicy } from '../firehose/types';

/** Runs the rules on one classified record and returns its alerts (opaque here). The rules engine plugs in here. */
export interface RecordEvaluator {
  evaluate(record: ClassifiedRecord): readonly unknown[];
  /**
   * Decides what `evaluate` only collected (correlation matches, against the DynamoDB state) and returns those
   * alerts; awaited after each chunk. A failure fails the invocation (the batch is retried, counted once).
   */
  settle?(): Promise<readonly unknown[]>;
}

/** Options of {@link createRuleProcessor}. */
export interface RuleProcessorOptions {
  /** The whole configuration (embedded in the bundle). */
  readonly config: Config;
  /** The cluster this function serves: sources are looked up in its `data_sources` only. */
  readonly cluster: string;
  /** @default none: records are classified and counted, no alerts */
  readonly evaluator?: RecordEvaluator;
  /** @default S3 GetObject on a lazily created client */
  readonly getObject?: ObjectGetter;
  /** @default a JSON-lines logger on stdout (CloudWatch Logs), level from LOG_LEVEL */
  readonly logger?: Logger;
  /**
   * Where classified records of `global.firehose.log_types` go (when Firehose is enabled).
   * @default PutRecordBatch on a lazily created client when running in Lambda; none elsewhere (local runs never send)
   */
  readonly firehose?: FirehoseSender;
  /** @default DEFAULT_READ_LIMITS */
  readonly limits?: Partial<ReadLimits>;
  /**
   * Keeps each invocation's unclassified records (whole) and failed reads as one gzip JSON-lines object.
   * @default S3 PutObject into the bucket named by `DEAD_LETTER_BUCKET`; none when it is unset
   */
  readonly deadLetter?: DeadLetterWriter;
  /**
   * Runs on each chunk of classified records before the rules: lookup table refresh and threat intel.
   * @default built from `lookup_tables.json` and `threat_intel.json` when running in Lambda; none elsewhere
   */
  readonly enrich?: (records: readonly ClassifiedRecord[]) => Promise<void>;
  /**
   * Most uncompressed bytes of dead letters held in memory: a part object is written once half of it is
   * collected, so nothing is dropped. @default 64 MiB
   */
  readonly maxDeadLetterBytes?: number;
  /** Retries of the records Firehose refuses. @default up to 12 attempts within an 8 s budget */
  readonly firehoseRetry?: Partial<RetryPolicy>;
  /**
   * Where alerts go. The handler flushes it between payloads once 100 are pending and before it returns; a
   * flush that throws fails the invocation (Lambda retries the batch; alert ids are deterministic).
   * @default the alerts table named by `ALERTS_TABLE` when running in Lambda; none elsewhere
   */
  readonly alerts?: AlertSink;
}

/** Counts of one batch. `records = records_classified + records_unclassified + failed_records`. */
export interface BatchCounts {
  /** Raw records read from the payloads. */
  readonly records: number;
  /** Raw records that gave at least one classified record. */
  readonly records_classified: number;
  /** Raw records that gave none (each kept as unclassified, with its reasons). */
  readonly records_unclassified: number;
  /** Raw records on which a step threw after they were read (each kept for replay with the reason). */
  readonly failed_records: number;
  /** Classified records per log type (one raw record may give several, e.g. CloudTrail `Records[*]`). */
  readonly classified: Readonly<Record<string, number>>;
  /** Records that matched no schema (or came from an unknown source), sub-records rejected by a schema included. */
  readonly unclassified: number;
  /** Data that could not be read at all and never will (corrupt gzip, over a cap, binary, object gone...). */
  readonly failed_reads: number;
  /** Reads that failed transiently (S3 503, a reset mid-object): reported for retry, not dead-lettered. */
  readonly retried_reads: number;
  /** Data deliberately skipped (empty objects, CONTROL_MESSAGE, S3 test events). */
  readonly skipped: number;
  readonly alerts: number;
  /** Records on which the evaluator threw (counted in `failed_records` too, and kept). */
  readonly evaluation_errors: number;
  /** Records Firehose accepted (only when the rule processor forwards to Firehose). */
  readonly firehose_sent?: number;
  /** Records Firehose still refused when the retry budget ran out, or whose call failed (each dead-lettered). */
  readonly firehose_failed?: number;
  /** Records over Firehose's 1,000 KiB record limit, not sent (each dead-lettered). */
  readonly firehose_too_large?: number;
  /** Entries written to dead-letter objects (unclassified, failed records and reads, Firehose refusals). */
  readonly dead_lettered?: number;
}

/** One item of a partial batch response: the Kinesis sequence number or SQS message id to retry. */
export interface BatchItemFailure {
  readonly itemIdentifier: string;
}

/**
 * What one invocation returns: the counts (also logged as the "batch processed" line) and the event
 * records Lambda must retry (Kinesis and SQS partial batch responses, `ReportBatchItemFailures`). Nothing
 * else: alerts go to the alert sink, unclassified records to the log and the dead letter, so the response
 * stays far below Lambda's 6 MB limit whatever the batch holds.
 */
export interface BatchResult {
  readonly counts: BatchCounts;
  readonly batchItemFailures: readonly BatchItemFailure[];
}
