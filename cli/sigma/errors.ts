/** Errors of Sigma compilation. */
import { ExitCode, StreamAlertError } from '../../runtime/errors';

/** A Sigma rule that cannot be loaded as written: unsupported, malformed, or mapped to no log type. */
export class SigmaRefusedError extends StreamAlertError {
  constructor(reason: string) {
    super('SigmaRefused', reason, { source: 'user', exitCode: ExitCode.InvalidConfig });
  }
}

/** Refuses the rule being compiled with `reason`. */
export function refuse(reason: string): never {
  throw new SigmaRefusedError(reason);
}
