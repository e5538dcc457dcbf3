/** Options and results of `streamalert schema infer` and `streamalert schema drift`. */
import type { FieldType, SchemaSpec } from '../../runtime/config';

/** Options of {@link inferSchema}. */
export interface InferOptions {
  /** Configuration directory (its schemas are checked for a name clash when writing into it). */
  readonly config: string;
  /** Sample files (plain or gzip, JSON lines or one JSON document); `-` is stdin. */
  readonly files: readonly string[];
  /** Log type name to give the schema, `vendor:type`. */
  readonly name: string;
  /** JMESPath selecting the records inside each sample (`Records[*]` for CloudTrail files). */
  readonly jsonPath?: string;
  /** Levels of nested objects typed key by key; deeper (or inconsistent) objects stay `{}`. @default 0 */
  readonly depth?: number;
  /** `extra_keys` of the written schema. @default 'reject' */
  readonly extraKeys?: 'keep' | 'reject';
  /** Write the schema into this file (added beside the log types already there) instead of printing it. */
  readonly out?: string;
  /** Replace a log type of the same name in `out`. */
  readonly force?: boolean;
  /** @default process.stdin */
  readonly stdin?: AsyncIterable<Uint8Array | string>;
}

/** A log type declaration as written in conf/schemas/*.json. */
export interface SchemaDeclaration {
  readonly parser: 'json';
  readonly schema: SchemaSpec;
  readonly configuration?: {
    readonly json_path?: string;
    readonly optional_top_level_keys?: readonly string[];
    readonly extra_keys?: 'keep' | 'reject';
  };
}

/** What {@link inferSchema} found. */
export interface InferReport {
  readonly name: string;
  readonly declaration: SchemaDeclaration;
  readonly records: number;
  /** Records that are not JSON objects (text lines, lists): not used. */
  readonly skipped: number;
  /** Sample records the inferred schema classifies (the check that the schema works). */
  readonly classified: number;
  readonly written?: string;
}

/** Options of {@link driftReport}. */
export interface DriftOptions {
  readonly config: string;
  /** Dead-letter objects (gzip JSON lines written by the rule processor). */
  readonly files: readonly string[];
  /** Compare only against these log types (names or families). @default the candidates each record was tried against */
  readonly logTypes?: string;
  /** Patch the schema files: add the keys seen, make absent keys optional, widen types. */
  readonly write?: boolean;
  /** Most keys listed per log type and kind in the human report. @default 20 */
  readonly maxKeys?: number;
}

/** One key that differs from a schema, how often, and one example. */
export interface KeyDrift {
  readonly key: string;
  readonly count: number;
  readonly example: unknown;
  /** For added and retyped keys: the type that accepts every example seen. */
  readonly inferred?: FieldType;
  /** For retyped keys: the schema's type. */
  readonly declared?: FieldType;
}

/** Drift of the records whose best candidate is one log type. */
export interface LogTypeDrift {
  readonly log_type: string;
  readonly file: string;
  readonly records: number;
  readonly added: readonly KeyDrift[];
  readonly missing: readonly KeyDrift[];
  readonly retyped: readonly KeyDrift[];
}

/** What {@link driftReport} found. */
export interface DriftReport {
  readonly entries: number;
  /** Unclassified records compared with a schema. */
  readonly compared: number;
  /** Records not compared (text, failed reads, no JSON candidate), with why. */
  readonly skipped: Readonly<Record<string, number>>;
  readonly log_types: readonly LogTypeDrift[];
  /** Schema files patched by `--write`. */
  readonly written: readonly string[];
}
