/** Options of the `streamalert output` work functions. */
import type { SSMClient } from '@aws-sdk/client-ssm';
import type { Prompter } from './prompt';

/** What the commands share. */
export interface OutputCommandBase {
  /** The conf directory. */
  readonly configDir: string;
  /** @default an SSM client of the account region */
  readonly ssm?: SSMClient;
}

/** `output set <service> --descriptor <name>`. */
export interface OutputSetOptions extends OutputCommandBase {
  readonly service: string;
  readonly descriptor: string;
  /** For services configured by resource in outputs.json (aws-s3 bucket, aws-sns topic, aws-lambda function...). */
  readonly resource?: string;
  /** Read the properties as a JSON object from stdin instead of prompting. */
  readonly fromStdin: boolean;
  /** Accept http:// URLs for an output holding credentials (stored as its `allow_http` property). */
  readonly allowHttp?: boolean;
  /** @default the terminal prompter */
  readonly prompter?: Prompter;
  /** @default all of process.stdin */
  readonly readStdin?: () => Promise<string>;
}

/** `output delete <service:descriptor>`. */
export interface OutputDeleteOptions extends OutputCommandBase {
  readonly output: string;
}

/** `output test <service:descriptor>`. */
export interface OutputTestOptions extends OutputCommandBase {
  readonly output: string;
  /** Milliseconds the output may take. @default global.alerts.processor.output_timeout_seconds */
  readonly timeoutMs?: number;
  /**
   * Take the properties as a JSON object from stdin instead of SSM, and the descriptor as declared: tries an
   * output before any AWS exists (nothing is stored).
   */
  readonly fromStdin?: boolean;
  /** @default all of process.stdin */
  readonly readStdin?: () => Promise<string>;
}
