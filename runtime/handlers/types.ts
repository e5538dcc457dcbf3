/** Contracts of the rule processor: what plugs into it and what one invocation returns. */
import type { ObjectGetter, ReadIssue, ReadLimits } from '../classifier/payloads';
import type { ClassifiedRecord, UnclassifiedRecord } from '../classifier/types';
import type { Config } from '../config/types';
import type { DeadLetterWriter } from '../dead-letter/types';
import type { Logger } from '../logger';
import type { FirehoseSender } from '../firehose/types';

/** Runs the rules on one classified record and returns its alerts (opaque here). The rules engine plugs in here. */
export interface RecordEvaluator {
  evaluate(record: ClassifiedRecord): readonly unknown[];
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
  /** Most uncompressed bytes of one dead-letter object; entries past it are counted and logged. @default 64 MiB */
  readonly maxDeadLetterBytes?: number;
}

/** Counts of one batch. */
export interface BatchCounts {
  /** Raw records read from the payloads. */
  readonly records: number;
  /** Classified records per log type (one raw record may give several, e.g. CloudTrail `Records[*]`). */
  readonly classified: Readonly<Record<string, number>>;
  /** Records that matched no schema (or came from an unknown source). */
  readonly unclassified: number;
  /** Data that could not be read at all (corrupt gzip, over a cap, binary, S3 fetch error...). */
  readonly failed_reads: number;
  /** Data deliberately skipped (empty objects, CONTROL_MESSAGE, S3 test events). */
  readonly skipped: number;
  readonly alerts: number;
  /** Records on which the evaluator threw (counted, the batch goes on). */
  readonly evaluation_errors: number;
  /** Records Firehose accepted (only when the rule processor forwards to Firehose). */
  readonly firehose_sent?: number;
  /** Records Firehose refused after every retry, or whose call failed (each logged at ERROR). */
  readonly firehose_failed?: number;
  /** Records over Firehose's 1,000 KiB record limit, not sent (each logged at ERROR). */
  readonly firehose_too_large?: number;
}

/** What one invocation returns (and logs as a summary line). */
export interface BatchResult {
  readonly counts: BatchCounts;
  /** The unclassified records with their reasons (the first `MAX_KEPT` ones; every one is also logged). */
  readonly unclassified: readonly UnclassifiedRecord[];
  /** Read failures (`error` level issues), also logged. */
  readonly failed_reads: readonly ReadIssue[];
  readonly alerts: readonly unknown[];
}
