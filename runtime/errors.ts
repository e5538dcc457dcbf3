/**
 * The error hierarchy shared by the runtime and the CLI.
 *
 * Every error the product raises on purpose is a {@link StreamAlertError}: it carries a stable
 * PascalCase `code`, where it came from (`source`), and the process exit code the CLI should use.
 */

/** Where an error came from: the user's input, AWS (or the network), or a bug of ours. */
export type ErrorSource = 'user' | 'aws' | 'internal';

/** Exit codes of the CLI contract (see DESIGN.md). */
export const ExitCode = {
  Ok: 0,
  Runtime: 1,
  Usage: 2,
  InvalidConfig: 3,
  TestsFailed: 4,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** Options for {@link StreamAlertError}. */
export interface StreamAlertErrorOptions {
  /** @default 'user' */
  readonly source?: ErrorSource;
  /** @default ExitCode.Runtime */
  readonly exitCode?: ExitCode;
  /** How to fix it, shown under the message. */
  readonly hint?: string;
  readonly cause?: unknown;
}

/** Base class of every error the product raises on purpose. */
export class StreamAlertError extends Error {
  readonly code: string;
  readonly source: ErrorSource;
  readonly exitCode: ExitCode;
  readonly hint?: string;

  constructor(code: string, message: string, options: StreamAlertErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.source = options.source ?? 'user';
    this.exitCode = options.exitCode ?? ExitCode.Runtime;
    this.hint = options.hint;
  }
}

/** One problem found in a configuration file. */
export interface ConfigProblem {
  /** Path of the file, as the user would type it (relative to the working directory when possible). */
  readonly file: string;
  /** JSON pointer inside the file ('' for the whole document). */
  readonly pointer: string;
  readonly message: string;
  /** The offending value, when there is one. */
  readonly value?: unknown;
  readonly hint?: string;
}

/** Most problems listed in one error message; the rest are summarised as "... and N more". */
export const MAX_LISTED_PROBLEMS = 20;

/** Renders a value for an error message: JSON, cut short when long. */
export function quoteValue(value: unknown, max = 80): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > max ? `${text.slice(0, max - 3)}...` : text;
}

/** Formats one configuration problem on one line (plus an indented hint line). */
export function formatProblem(problem: ConfigProblem): string {
  const where = `${problem.file}: ${problem.pointer === '' ? '/' : problem.pointer}`;
  const got = 'value' in problem && problem.value !== undefined ? `, got ${quoteValue(problem.value)}` : '';
  const hint = problem.hint ? `\n    hint: ${problem.hint}` : '';
  return `${where}: ${problem.message}${got}${hint}`;
}

/** The configuration is invalid: every problem found, reported at once. Exit code 3. */
export class ConfigError extends StreamAlertError {
  readonly problems: readonly ConfigProblem[];

  constructor(problems: readonly ConfigProblem[], options: { readonly code?: string } = {}) {
    const listed = problems.slice(0, MAX_LISTED_PROBLEMS).map(formatProblem);
    const more = problems.length > MAX_LISTED_PROBLEMS ? [`... and ${problems.length - MAX_LISTED_PROBLEMS} more`] : [];
    const head = problems.length === 1 ? 'invalid configuration:' : `invalid configuration (${problems.length} problems):`;
    super(options.code ?? 'InvalidConfig', [head, ...listed, ...more].join('\n  '), {
      source: 'user',
      exitCode: ExitCode.InvalidConfig,
    });
    this.problems = problems;
  }
}

/** A feature the CLI names but that is not built yet. Exit code 1, said plainly. */
export class NotBuiltError extends StreamAlertError {
  constructor(what: string) {
    super('NotBuilt', `${what} is not built yet`, { source: 'internal', exitCode: ExitCode.Runtime });
  }
}

/** Wrong use of the command line. Exit code 2. */
export class UsageError extends StreamAlertError {
  constructor(message: string, hint?: string) {
    super('Usage', message, { source: 'user', exitCode: ExitCode.Usage, hint });
  }
}

/** Returns the message of any thrown value. */
export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
