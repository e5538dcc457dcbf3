/**
 * Contracts of the classifier: what a payload reader yields, what classification returns.
 * Parsers never throw on bad input: they return `{ ok: false, reason }` and the caller counts and keeps it.
 */
import type { LogService } from '../config/types';

/** Where a raw record came from. */
export interface RecordSource {
  readonly service: LogService;
  /** Stream, bucket, topic, queue, app or log group name, as written in `data_sources`. */
  readonly resource: string;
  /** Cluster whose `data_sources` declared the resource, when known. */
  readonly cluster?: string;
  /** Finer position for replay and messages: S3 key and line, Kinesis sequence number, SQS message id... */
  readonly location?: string;
}

/** One raw log record: a line of text, or an already-decoded JSON value (StreamAlert app logs). */
export interface RawRecord {
  readonly data: string | unknown;
  readonly source: RecordSource;
}

/** Normalized type -> values found in the record (for rules that query by type, such as 'source_address'). */
export type NormalizedValues = Readonly<Record<string, readonly unknown[]>>;

/** A record that matched a schema. One raw record can yield several (a `json_path` over a list). */
export interface ClassifiedRecord {
  readonly log_type: string;
  /** The parser of the log type that matched (`json`, `csv`, ...). */
  readonly parser?: string;
  /** The parsed record, with types coerced to the schema and optional keys filled with defaults. */
  readonly record: Readonly<Record<string, unknown>>;
  readonly normalized: NormalizedValues;
  readonly source: RecordSource;
}

/** Why one candidate schema did not match. */
export interface CandidateFailure {
  readonly log_type: string;
  readonly reason: string;
}

/** A record that matched no schema: kept (never dropped) so it can be replayed once the schema is fixed. */
export interface UnclassifiedRecord {
  /** The raw data as text (cut to a bounded length for logs; `data_bytes` tells the full size). */
  readonly data: string;
  readonly data_bytes: number;
  readonly source: RecordSource;
  /** Each candidate tried and why it failed, or a single reason when nothing could be tried. */
  readonly candidates: readonly CandidateFailure[];
  readonly reason: string;
}

/**
 * The result of classifying one raw record.
 *
 * - `ok: true`: a schema matched. `records` holds one entry per record it yielded (a `json_path` over a list
 *   gives several; a CSV header row alone gives none, with `skipped_headers` counting it). `rejected` holds the
 *   records of the same payload that the matching schema could not parse (some entries of a `json_path` list,
 *   some rows of a multi-row CSV text): count them as unclassified, keep them, never drop them.
 * - `ok: false`: nothing matched; `unclassified` says why for every candidate tried.
 */
export type ClassifyOutcome =
  | {
      readonly ok: true;
      readonly records: readonly ClassifiedRecord[];
      /** The log type that matched (also on each record; set even when only header rows were found). */
      readonly log_type?: string;
      /** CSV header rows (fields equal to the schema's keys) recognised and skipped. */
      readonly skipped_headers?: number;
      /** Records of this payload that the matching schema rejected. */
      readonly rejected?: readonly UnclassifiedRecord[];
    }
  | { readonly ok: false; readonly unclassified: UnclassifiedRecord };

/** Parse or match result of one step; never thrown. */
export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly reason: string };
