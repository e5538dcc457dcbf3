/** Errors of the alerts feature. */
import { ExitCode, StreamAlertError } from '../errors';

/**
 * Alerts could not be stored or read (table unavailable, items left unprocessed after every retry). A source
 * `aws` error: the rule processor's invocation fails so that Lambda retries the batch.
 */
export class AlertStoreError extends StreamAlertError {
  constructor(message: string, cause?: unknown) {
    super('AlertStore', message, { source: 'aws', exitCode: ExitCode.Runtime, cause });
  }
}

/** A table item is not a valid alert (written by hand, or by an incompatible version). */
export class InvalidAlertItemError extends StreamAlertError {
  constructor(message: string) {
    super('InvalidAlertItem', message, { source: 'internal', exitCode: ExitCode.Runtime });
  }
}
