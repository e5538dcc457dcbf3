/** Errors of the app framework. */
import { StreamAlertError } from '../errors';

/** An API call that failed for good (4xx other than 429) or after its retries (network, 429, 5xx). */
export class AppHttpError extends StreamAlertError {
  readonly status: number | undefined;
  readonly retryable: boolean;

  constructor(message: string, status: number | undefined, retryable: boolean) {
    super('AppHttpFailed', message, { source: 'aws' });
    this.status = status;
    this.retryable = retryable;
  }
}

/** Credentials missing or refused. */
export class AppAuthError extends StreamAlertError {
  constructor(message: string, hint?: string) {
    super('AppAuthInvalid', message, { source: 'user', hint });
  }
}

/** An app name, type or setting that cannot work. */
export class AppConfigError extends StreamAlertError {
  constructor(message: string, hint?: string) {
    super('AppConfigInvalid', message, { source: 'user', hint });
  }
}

/** The API keeps answering with the same cursor (the same next link) while saying it has more. */
export class AppCursorStuckError extends StreamAlertError {
  constructor(message: string) {
    super('AppCursorStuck', message, { source: 'aws' });
  }
}

/** The rule processor refused a batch of logs (the run stops; state keeps the last accepted batch). */
export class AppSendError extends StreamAlertError {
  constructor(message: string, cause?: unknown) {
    super('AppSendFailed', message, { source: 'aws', cause });
  }
}
