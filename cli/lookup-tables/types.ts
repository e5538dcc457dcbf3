/** Options and results of `streamalert lookup-tables`. */
import type { LookupTableConfig } from '../../runtime/config';

/** `lookup-tables list|describe|get|set`. */
export interface LookupTablesOptions {
  readonly dir: string;
  readonly action: 'list' | 'describe' | 'get' | 'set';
  readonly table?: string;
  readonly key?: string;
  /** For `set`: the value as given on the command line. */
  readonly value?: string;
  /** For `set`: store the value as text instead of parsing it as JSON. */
  readonly string?: boolean;
}

/** Reads and writes one table's backing store. */
export interface TableAccess {
  /** Every key -> value (S3: the object; DynamoDB: a Scan). */
  readAll(): Promise<Record<string, unknown>>;
  /** One value, or undefined when the key is absent. */
  get(key: string): Promise<unknown>;
  set(key: string, value: unknown): Promise<void>;
}

/** Builds the access of one table (tests pass clients on a loopback endpoint or mocks). */
export type TableAccessFactory = (table: LookupTableConfig, region: string) => TableAccess;
