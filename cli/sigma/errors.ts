/** Errors of Sigma compilation. */
import { ExitCode, StreamAlertError } from '../../runtime/errors';

/** A Sigma rule that cannot be loaded as written: unsupported, malformed, or mapped to no log type. */
export class SigmaRefusedError extends StreamAlertError {
  /**
   * `unmapped`: the rule is fine but this configuration has none of its log types (a log source the user does not
   * collect), so packaging leaves it out with a warning; `invalid`: the rule cannot run as written anywhere.
   */
  readonly kind: 'invalid' | 'unmapped';

  constructor(reason: string, kind: 'invalid' | 'unmapped' = 'invalid') {
    super('SigmaRefused', reason, { source: 'user', exitCode: ExitCode.InvalidConfig });
    this.kind = kind;
  }
}

/** Refuses the rule being compiled with `reason`. */
export function refuse(reason: string): never {
  throw new SigmaRefusedError(reason);
}

/** Refuses the rule because this configuration has none of its log types. */
export function refuseUnmapped(reason: string): never {
  throw new SigmaRefusedError(reason, 'unmapped');
}
