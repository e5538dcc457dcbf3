/** Errors of rule staging. */
import { ExitCode, StreamAlertError } from '../errors';

/** A rules table call failed (retryable: the invocation fails and Lambda retries). */
export class RulesTableError extends StreamAlertError {
  constructor(message: string, cause?: unknown) {
    super('RulesTableError', message, { source: 'aws', cause });
  }
}

/** A rule the command names is not in the rules table. */
export class UnknownStagedRuleError extends StreamAlertError {
  constructor(rule: string, table: string) {
    super('UnknownRule', `rule "${rule}" is not in the rules table ${table}`, {
      exitCode: ExitCode.Runtime,
      hint: 'rules are added by `streamalert lambda deploy`; `streamalert rule staging status` lists them',
    });
  }
}
