/** The work function of `streamalert lambda test`. */
import { resolve } from 'node:path';
import { loadConfig, LOG_SERVICES } from '../../runtime/config';
import { ExitCode, StreamAlertError, UsageError } from '../../runtime/errors';
import { RuleDefinitionError } from '../../runtime/rules/errors';
import { BundleError, TypeCheckError } from '../package/errors';
import type { CommandContext } from '../context';
import { loadFixtures } from './fixtures';
import { filterEvents } from './filter';
import { printReport } from './report';
import { runTests } from './runner';

/** Options of `lambda test`. */
export interface LambdaTestOptions {
  /** Fixture files or folders. @default [rulesDir] */
  readonly paths: readonly string[];
  /** Folder of the rule files bundled with the function. @default 'rules' */
  readonly rulesDir: string;
  readonly source?: string;
  readonly rules?: readonly string[];
  readonly classifyOnly: boolean;
  /** @default true */
  readonly typecheck: boolean;
  /** Print what every output of each alert would receive (after its publishers). @default false */
  readonly showOutputs?: boolean;
}

/**
 * Rules that do not type check, bundle or load (duplicate names, bad options) fail the tests: exit 4, not 1,
 * so CI reads every broken rule the same way.
 */
function asTestFailure(err: unknown): never {
  if (err instanceof TypeCheckError || err instanceof BundleError || err instanceof RuleDefinitionError) {
    throw new StreamAlertError(err.code, `the rules could not be loaded, so no test ran: ${err.message}`, {
      exitCode: ExitCode.TestsFailed,
      hint: err.hint,
      cause: err,
    });
  }
  throw err;
}

/** Runs the tests and prints the report; returns the exit code (0 or 4). */
export async function runLambdaTest(ctx: CommandContext, options: LambdaTestOptions): Promise<number> {
  if (options.source !== undefined && !(LOG_SERVICES as readonly string[]).includes(options.source)) {
    throw new UsageError(`--source must be one of ${LOG_SERVICES.join(', ')}, got ${JSON.stringify(options.source)}`);
  }
  const config = loadConfig(ctx.globals.config);
  const rulesDir = resolve(options.rulesDir);
  const loaded = loadFixtures(options.paths.length > 0 ? options.paths.map((p) => resolve(p)) : [rulesDir]);
  // --rules runs only those rules (StreamAlert's --test-rules): each event expects only the named rules it lists.
  const only = options.rules !== undefined && options.rules.length > 0 ? options.rules : undefined;
  const events = filterEvents(loaded.events, options).map((e) => (only && e.expectedRules ? { ...e, expectedRules: e.expectedRules.filter((r) => only.includes(r)) } : e));
  ctx.io.progress(`building the rule processor and running ${events.length} test events...`);
  // Rules without a test event are listed for the whole rules folder only, not for a few named fixtures.
  const namedRules = options.paths.length === 0 ? new Set(loaded.events.flatMap((e) => e.expectedRules ?? [])) : undefined;
  // Bundler warnings (a Sigma rule left out of this configuration...) are shown once, not once per cluster.
  const warned = new Set<string>();
  const onWarning = (warning: string): void => {
    if (!warned.has(warning)) ctx.io.warn(`esbuild: ${warning}`);
    warned.add(warning);
  };
  const summary = await runTests({ config, rulesDir, fixtures: { ...loaded, events }, typecheck: options.typecheck, namedRules, onWarning, ...(only ? { onlyRules: only } : {}) }).catch(
    asTestFailure,
  );
  ctx.io.endProgress();
  printReport(ctx.io, summary, { showOutputs: options.showOutputs === true });
  ctx.io.result(summary);
  return summary.exitCode;
}
