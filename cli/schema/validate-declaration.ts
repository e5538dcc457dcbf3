/** Checks a log type declaration the way `config validate` would: JSON Schema, then compiled by the classifier. */
import { createClassifier, type Classifier } from '../../runtime/classifier';
import { validateFile } from '../../runtime/config/validate';
import { resolveLogs } from '../../runtime/config/resolve-logs';
import { ConfigError, type ConfigProblem } from '../../runtime/errors';

/**
 * Validates `{ name: declaration }` as a schema file would be, and returns a classifier over it.
 * @throws ConfigError naming `file` and the JSON pointer of each problem.
 */
export function checkDeclarations(declarations: Readonly<Record<string, unknown>>, file: string): Classifier {
  const problems: ConfigProblem[] = validateFile('logs', declarations, file);
  if (problems.length > 0) throw new ConfigError(problems);
  const logs = resolveLogs([{ file, value: declarations }], problems);
  if (problems.length > 0) throw new ConfigError(problems);
  return createClassifier({ logs });
}
