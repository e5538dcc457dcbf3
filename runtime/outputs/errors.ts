/** Errors of the outputs feature. */
import { ExitCode, StreamAlertError } from '../errors';

/** An output is registered or named wrongly (duplicate service, unknown service, bad `service:descriptor`). */
export class OutputError extends StreamAlertError {
  constructor(message: string, hint?: string) {
    super('Output', message, { source: 'user', exitCode: ExitCode.Runtime, hint });
  }
}
