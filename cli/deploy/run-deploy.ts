/** The work of `streamalert lambda deploy`: package, then deploy each function; one failure stops none. */
import { sourceBucketName, type Config } from '../../runtime/config';
import type { RulesTable } from '../../runtime/staging';
import { bundledRules, stageNewRules, stagingCandidates, type StagingCandidate } from '../staging/sync';
import { cliRulesTable } from '../staging/table';
import { defaultRulesDir } from '../package/paths';
import { AwsCredentialsError, cachedClientFactory, createAwsClients, isCredentialsError, type AwsClientFactory } from '../aws';
import type { CommandContext } from '../context';
import { packageSelected, type FunctionPackage, type PackageOptions } from '../package';
import { deployFunction, packageKey } from './deploy-function';
import type { WaitOptions } from './lambda-steps';
import { renderTable } from './table';
import type { DeployOutcome, StepReporter } from './types';

/** Options of `lambda deploy`. */
export interface DeployOptions extends PackageOptions {
  /** Print the plan without calling AWS. @default false */
  readonly dryRun?: boolean;
}

/** What tests replace: the AWS clients and the polling delay. */
export interface DeployDeps {
  readonly clients?: AwsClientFactory;
  readonly wait?: WaitOptions;
  /** The rules table (`global.rule_staging.enabled`). @default the account's, through the SDK */
  readonly rulesTable?: RulesTable;
  /** The deployed code's rules. @default read from the rule processor bundle */
  readonly rules?: (config: Config) => Promise<readonly StagingCandidate[]>;
}

/** Progress lines: `<function>: <step>: <detail>`. */
export function stepReporter(ctx: CommandContext): StepReporter {
  return (name, stepName, detail) => ctx.io.info(`${name}: ${stepName}${detail ? `: ${detail}` : ''}`);
}

function plan(pkg: FunctionPackage, bucket: string): DeployOutcome {
  const { name, cluster, region } = pkg.target;
  return { function: name, cluster, region, status: 'planned', sha256: pkg.sha256, bucket, key: packageKey(pkg) };
}

function printSummary(ctx: CommandContext, outcomes: readonly DeployOutcome[]): void {
  const rows = outcomes.map((o) => [
    o.function,
    o.oldVersion ?? '-',
    o.newVersion ?? '-',
    o.sha256.slice(0, 12),
    o.error ? `failed at ${o.error.step}` : o.status,
  ]);
  ctx.io.info('');
  for (const line of renderTable(['function', 'old version', 'new version', 'sha256', 'result'], rows)) ctx.io.info(line);
  for (const o of outcomes.filter((x) => x.error)) {
    ctx.io.error(`${o.function}: ${o.error?.step}: ${o.error?.message} (alias unchanged${o.oldVersion ? `, still version ${o.oldVersion}` : ''})`);
  }
}

/** JSON view of an outcome (snake_case, like the rest of the CLI's JSON). */
export function deployJson(o: DeployOutcome): Record<string, unknown> {
  return {
    function: o.function,
    cluster: o.cluster,
    region: o.region,
    status: o.status,
    sha256: o.sha256,
    s3: `s3://${o.bucket}/${o.key}`,
    old_version: o.oldVersion ?? null,
    new_version: o.newVersion ?? null,
    uploaded: o.uploaded ?? null,
    error: o.error ?? null,
  };
}

/**
 * `streamalert lambda deploy`. Returns exit code 1 when any function failed.
 * @throws AwsCredentialsError when there are no usable credentials (one line, nothing deployed).
 */
export async function runDeploy(ctx: CommandContext, options: DeployOptions, deps: DeployDeps = {}): Promise<number> {
  const { config, packages } = await packageSelected(ctx, options);
  // Lambda reads code only from a bucket in the function's region: each region has its own.
  const bucketOf = (pkg: FunctionPackage): string => sourceBucketName(config, pkg.target.region);
  if (options.dryRun) {
    const outcomes = packages.map((pkg) => plan(pkg, bucketOf(pkg)));
    for (const o of outcomes) {
      ctx.io.info(`${o.function} (${o.region}): would upload s3://${o.bucket}/${o.key} (unless present), update the code, publish a version and move the production alias`);
    }
    ctx.io.info('dry run: no AWS call was made');
    ctx.io.result({ ok: true, dry_run: true, functions: outcomes.map(deployJson) });
    return 0;
  }
  if (config.global.rule_staging.enabled && packages.some((p) => p.target.kind === 'rule')) {
    // Before any function changes: a new rule must never run unstaged, even for a moment.
    const rules = deps.rules ? await deps.rules(config) : stagingCandidates(await bundledRules(config, options.rulesDir ?? defaultRulesDir()));
    await stageNewRules(ctx, config, rules, deps.rulesTable ?? cliRulesTable(config));
  }
  const clientsFor = cachedClientFactory(deps.clients ?? createAwsClients);
  const outcomes: DeployOutcome[] = [];
  for (const pkg of packages) {
    try {
      outcomes.push(await deployFunction({ clients: clientsFor(pkg.target.region), pkg, bucket: bucketOf(pkg), report: stepReporter(ctx), wait: deps.wait }));
    } catch (err) {
      if (isCredentialsError(err)) throw new AwsCredentialsError(err);
      throw err;
    }
  }
  printSummary(ctx, outcomes);
  const failed = outcomes.filter((o) => o.status === 'failed').length;
  ctx.io.result({ ok: failed === 0, functions: outcomes.map(deployJson) });
  return failed === 0 ? 0 : 1;
}
