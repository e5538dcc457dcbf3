/** Errors raised while bundling and packaging a function: all stop the command before any upload. */
import { ExitCode, StreamAlertError } from '../../runtime/errors';

/** Most diagnostics listed in one error message. */
const MAX_LISTED = 20;

function listed(head: string, lines: readonly string[]): string {
  const shown = lines.slice(0, MAX_LISTED);
  const more = lines.length > MAX_LISTED ? [`... and ${lines.length - MAX_LISTED} more`] : [];
  return [head, ...shown, ...more].join('\n  ');
}

/** The rules or the runtime do not type check. Exit code 1, nothing uploaded. */
export class TypeCheckError extends StreamAlertError {
  readonly diagnostics: readonly string[];

  constructor(diagnostics: readonly string[]) {
    super('TypeCheckFailed', listed(`type check failed (${diagnostics.length} error(s)); nothing was packaged or uploaded:`, diagnostics), {
      source: 'user',
      exitCode: ExitCode.Runtime,
      hint: 'fix the errors above (run `npx tsc --noEmit` to see them in your editor\'s terms), then run the command again',
    });
    this.diagnostics = diagnostics;
  }
}

/** esbuild could not bundle the function. Exit code 1, nothing uploaded. */
export class BundleError extends StreamAlertError {
  readonly diagnostics: readonly string[];

  constructor(what: string, diagnostics: readonly string[], cause?: unknown) {
    super('BundleFailed', listed(`bundling ${what} failed; nothing was packaged or uploaded:`, diagnostics), {
      source: 'user',
      exitCode: ExitCode.Runtime,
      cause,
    });
    this.diagnostics = diagnostics;
  }
}

/** A packaged function failed to load in a fresh Node process. Exit code 1, nothing written or uploaded. */
export class BundleLoadError extends StreamAlertError {
  constructor(functionName: string, output: string) {
    const lines = output.split('\n').slice(0, MAX_LISTED);
    super('BundleLoadFailed', listed(`${functionName}: the packaged function fails to start; nothing was packaged or uploaded:`, lines), {
      source: 'user',
      exitCode: ExitCode.Runtime,
      hint: 'this is what Lambda would hit on every invocation: fix the rule or configuration named above (a rule name defined twice is a common cause)',
    });
  }
}
