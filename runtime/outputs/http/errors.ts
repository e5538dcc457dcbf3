/** Errors of the HTTP layer: each says whether trying again later can help. */
import { StreamAlertError, ExitCode } from '../../errors';

/** A failed HTTP call of an output. The message never carries a secret (URLs are shown by origin only). */
export class OutputHttpError extends StreamAlertError {
  /** True for network errors, timeouts, 429 and 5xx; false for other 4xx and unusable responses. */
  readonly retryable: boolean;
  /** HTTP status, when a response came back. */
  readonly status?: number;

  constructor(message: string, options: { readonly retryable: boolean; readonly status?: number }) {
    super(options.retryable ? 'OutputRetryable' : 'OutputRejected', message, { source: 'aws', exitCode: ExitCode.Runtime });
    this.retryable = options.retryable;
    this.status = options.status;
  }
}

/** A descriptor lacks a property or holds an unusable value: permanent until `streamalert output set` fixes it. */
export class OutputConfigError extends StreamAlertError {
  constructor(message: string, hint?: string) {
    super('OutputMisconfigured', message, { source: 'user', exitCode: ExitCode.Runtime, hint });
  }
}
