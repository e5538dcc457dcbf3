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

/**
 * The S3 record of a large alert could not be read. `permanent` (the object is gone, access or its KMS key is
 * refused, it is not JSON): reading again will not help, so the alert is dead-lettered with the reason.
 * Otherwise (throttling, 5xx, a network error) only this alert is skipped until the next run.
 */
export class RecordReadError extends StreamAlertError {
  readonly permanent: boolean;
  constructor(message: string, permanent: boolean, cause?: unknown) {
    super('AlertRecordRead', message, { source: 'aws', exitCode: ExitCode.Runtime, cause });
    this.permanent = permanent;
  }
}

/** S3 and KMS error names after which reading the same object again cannot succeed. */
const PERMANENT_READ_ERRORS = new Set(['NoSuchKey', 'NoSuchBucket', 'NotFound', 'AccessDenied', 'InvalidObjectState', 'InvalidRequest', 'SyntaxError']);

/** Whether an error reading an alert's record is permanent (see {@link RecordReadError}). */
export function isPermanentReadError(err: unknown): boolean {
  const e = err as { name?: string; Code?: string; $metadata?: { httpStatusCode?: number } } | null;
  const name = e?.name ?? e?.Code ?? '';
  if (PERMANENT_READ_ERRORS.has(name) || name.startsWith('KMS.') || name.startsWith('KMS')) return true;
  const status = e?.$metadata?.httpStatusCode;
  return status === 403 || status === 404;
}
