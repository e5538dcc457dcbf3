/** Contracts of the lookup tables feature. */

/** Key -> value of one table, as loaded. */
export type TableValues = Readonly<Record<string, unknown>>;

/** Reads one whole table from its backing store. Throws when the store cannot be read. */
export interface LookupTableDriver {
  /** `s3://bucket/key` or `dynamodb://table`, for messages. */
  readonly describe: string;
  load(): Promise<TableValues>;
}

/** The tables of one container, refreshed on schedule. */
export interface LookupTableStore {
  /** Reloads every table whose refresh interval has passed (never throws: failures are logged). */
  refresh(): Promise<void>;
  /** Table -> key -> value as last loaded (a table never loaded is absent, so lookups return the default). */
  snapshot(): Readonly<Record<string, TableValues>>;
}
