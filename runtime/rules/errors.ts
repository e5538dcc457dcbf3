/** Errors of the rules feature. */
import { ExitCode, StreamAlertError } from '../errors';

/** A rule is defined wrongly (no name, two rules with one name, a bad option). Found at load time. */
export class RuleDefinitionError extends StreamAlertError {
  constructor(message: string, hint?: string) {
    super('RuleDefinition', message, { source: 'user', exitCode: ExitCode.Runtime, hint });
  }
}
