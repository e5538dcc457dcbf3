/** Shapes shared by the StreamAlert configuration importer. */

/* eslint-disable @typescript-eslint/no-explicit-any -- StreamAlert files are free-form JSON, checked field by field */
export type Json = any;

/** Which StreamAlert layout a directory holds. */
export type StreamAlertLayout = 'v3' | '1.4' | '1.3';

/** Options of `streamalert config import`. */
export interface ImportOptions {
  /** StreamAlert conf directory (or its parent holding `conf/`). */
  readonly from: string;
  /** Directory to write this project's configuration into. */
  readonly to: string;
  /** Replaces the account id (required when the source holds a placeholder). */
  readonly accountId?: string;
  /** Replaces the resource prefix (required when the source holds a placeholder). */
  readonly prefix?: string;
  /** A StreamAlert logs.json or schemas directory, for layouts that keep schemas elsewhere (1.3). */
  readonly schemas?: string;
  /** Drop data-source entries that name undeclared log types instead of failing. */
  readonly dropUnknownLogTypes?: boolean;
  /** Write into a non-empty `to` directory. */
  readonly force?: boolean;
}

/** What the importer decided, for the report. */
export interface ImportReport {
  readonly layout: StreamAlertLayout;
  readonly clusters: readonly string[];
  readonly schemaFiles: readonly string[];
  readonly written: readonly string[];
  /** Things mapped approximately or not imported, each one line. */
  readonly warnings: readonly string[];
  /** Output descriptors with secrets, and whether they must be set again (`streamalert output set`). */
  readonly outputs: readonly ImportedOutput[];
}

/** An imported output descriptor whose properties live in SSM. */
export interface ImportedOutput {
  /** `service:descriptor` */
  readonly output: string;
  /** The SSM parameter this project reads for it. */
  readonly parameter: string;
  readonly setAgain: boolean;
  readonly reason: string;
}

/** Our variables.json under construction. */
export interface VariablesDraft {
  account: { id: string; prefix: string; region: string };
  terraform?: Record<string, unknown>;
  global?: Record<string, unknown>;
  clusters: Record<string, { region?: string; data_sources: Record<string, Record<string, string[]>>; modules: Record<string, unknown> }>;
}
