/** Errors of the publishers feature. */
import { ExitCode, StreamAlertError } from '../errors';

/** A publisher is defined or named wrongly (duplicate name, unknown name, not a function). */
export class PublisherError extends StreamAlertError {
  constructor(message: string, hint?: string) {
    super('Publisher', message, { source: 'user', exitCode: ExitCode.Runtime, hint });
  }
}
