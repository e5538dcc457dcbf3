/**
 * The one step that turns the project into the code `lambda test` runs: build the rule processor bundle of a
 * cluster with the deploy bundler (the same bytes `lambda package` zips), write it to a temporary file and
 * require it.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ObjectGetter } from '../../runtime/classifier/payloads';
import type { ClassifiedRecord } from '../../runtime/classifier/types';
import type { Config } from '../../runtime/config';
import type { BatchResult } from '../../runtime/handlers/rule-processor';
import type { DeadLetterWriter } from '../../runtime/dead-letter/types';
import type { Logger } from '../../runtime/logger';
import type { AlertSink } from '../../runtime/alerts/types';
import type { Publication } from '../../runtime/publishers/types';
import type { Alert, RuleDefinition, RulesEngine, RulesEngineOptions } from '../../runtime/rules';
import { buildFunctionBundle } from '../package';

/** The rules evaluator the rule processor calls for each classified record. */
export interface Evaluator {
  evaluate(record: ClassifiedRecord): readonly Alert[];
}

/** Overrides the bundle's `createHandler` accepts (see runtime/handlers/rule-processor-entry.ts). */
export interface HandlerOverrides {
  readonly getObject?: ObjectGetter;
  readonly evaluator?: Evaluator;
  readonly logger?: Logger;
  readonly deadLetter?: DeadLetterWriter;
  /** Runs before the rules on each chunk (the fixture's threat intel). */
  readonly enrich?: (records: readonly ClassifiedRecord[]) => Promise<void>;
  /** Where the handler puts alerts (lambda test captures them; nothing is written). */
  readonly alerts?: AlertSink;
}

/** What the rule processor bundle exports. */
export interface BundleExports {
  createHandler(overrides: HandlerOverrides): (event: unknown, context?: unknown) => Promise<BatchResult>;
  loadRules(): RuleDefinition[];
  createRulesEngine(options: RulesEngineOptions): RulesEngine;
  /** The publication of one output, with the publishers the bundled rules registered. */
  composePublication(alert: Alert, service: string, descriptor: string): Publication;
}

/** Options of {@link loadBundledFunction}. */
export interface LoadFunctionOptions {
  readonly config: Config;
  readonly cluster: string;
  readonly rulesDir: string;
  /** Type check before bundling (as `lambda package` does). */
  readonly typecheck: boolean;
  /**
   * Receives the bundler's warnings (a Sigma rule left out because the configuration collects none of its log
   * types, a field a schema does not declare), so every command that loads rules shows them. @default none
   */
  readonly onWarning?: (message: string) => void;
}

// Lazy chunks (`import()` of the AWS SDK) are read when first used: the folders live as long as this process.
const loadedDirs: string[] = [];
function rememberForExit(dir: string): void {
  if (loadedDirs.length === 0) {
    process.once('exit', () => {
      for (const d of loadedDirs) rmSync(d, { recursive: true, force: true });
    });
  }
  loadedDirs.push(dir);
}

/** Builds a cluster's rule processor bundle and loads it in this process. */
export async function loadBundledFunction(options: LoadFunctionOptions): Promise<BundleExports> {
  const file = await writeFunctionBundle(options);
  return createRequire(file)(file) as BundleExports;
}

/**
 * Builds a cluster's rule processor bundle into a temporary folder (removed when this process exits) and returns
 * the path of its `index.js`, for threads that load it themselves (`streamalert process --jobs`).
 */
export async function writeFunctionBundle(options: LoadFunctionOptions): Promise<string> {
  const bundle = await buildFunctionBundle({
    config: options.config,
    cluster: options.cluster,
    rulesDir: options.rulesDir,
    typecheck: options.typecheck,
  });
  for (const warning of bundle.warnings) options.onWarning?.(warning);
  const dir = mkdtempSync(join(tmpdir(), 'streamalert-lambda-test-'));
  rememberForExit(dir);
  const file = join(dir, 'index.js');
  writeFileSync(file, bundle.code);
  for (const [name, code] of Object.entries(bundle.chunks)) writeFileSync(join(dir, name), code);
  return file;
}

/** Options of {@link loadRulesEvaluator}. */
export interface RulesEvaluatorOptions {
  readonly config: Config;
  /** Cluster whose bundle is built (rules are the same in every cluster). @default the first cluster */
  readonly cluster?: string;
  readonly rulesDir: string;
  /** Receives the bundler's warnings. @default none */
  readonly onWarning?: (message: string) => void;
}

/**
 * The rule processor bundle of `options.cluster` (default: the first) written for `streamalert process --rules`:
 * each worker thread loads the bundle's own rules engine from the file.
 */
export async function writeRulesBundle(options: RulesEvaluatorOptions): Promise<{ readonly file: string; readonly cluster: string }> {
  const cluster = options.cluster ?? Object.keys(options.config.clusters)[0] ?? '';
  const file = await writeFunctionBundle({ config: options.config, cluster, rulesDir: options.rulesDir, typecheck: false, onWarning: options.onWarning });
  return { file, cluster };
}

/**
 * The rules engine of the deployed bundle, for running rules locally over classified records
 * (`streamalert process --rules`). Type checking is left to `lambda package` and `lambda test`.
 */
export async function loadRulesEvaluator(options: RulesEvaluatorOptions): Promise<Evaluator> {
  const cluster = options.cluster ?? Object.keys(options.config.clusters)[0] ?? '';
  const bundle = await loadBundledFunction({ config: options.config, cluster, rulesDir: options.rulesDir, typecheck: false });
  return bundle.createRulesEngine({ rules: bundle.loadRules(), cluster });
}
