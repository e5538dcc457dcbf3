/** `service:descriptor` on the command line. */
import { UsageError } from '../../runtime/errors';
import { parseOutputName, type OutputName } from '../../runtime/outputs/registry';

/** Parses `service:descriptor`, as a usage error (exit 2) when malformed. */
export function parseOutput(text: string): OutputName {
  try {
    return parseOutputName(text);
  } catch {
    throw new UsageError(`output "${text}" is not of the form service:descriptor`, 'for example: streamalert output test slack:security');
  }
}
