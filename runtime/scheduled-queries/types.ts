/** Types of scheduled queries: what runs, and the streamquery record its results become. */

/** One query of a pack, as configured. */
export interface ScheduledQuery {
  readonly name: string;
  readonly description: string;
  readonly query: string;
  readonly tags: readonly string[];
}

/** StreamAlert's `streamquery:version1` record (the schema in conf/schemas/streamquery.json). */
export interface StreamQueryRecord {
  readonly streamquery_schema_version: '1.0.0';
  readonly execution: {
    readonly name: string;
    readonly description: string;
    readonly query: string;
    readonly query_parameters: Readonly<Record<string, string>>;
    readonly data_scanned_in_bytes: number;
    readonly execution_time_ms: number;
    readonly tags: readonly string[];
    readonly query_execution_id: string;
    readonly console_link: string;
    readonly error?: { readonly description: string };
  };
  readonly data: {
    readonly headers: readonly string[];
    readonly rows: readonly Readonly<Record<string, string | null>>[];
    readonly count: number;
    /** When the rows did not fit one Kinesis record: this record's part (1-based) and how many there are. */
    readonly part?: number;
    readonly parts?: number;
  };
}

/** Sends records to the destination stream; throws when some could not be put after retries. */
export type RecordSender = (records: readonly StreamQueryRecord[]) => Promise<void>;
