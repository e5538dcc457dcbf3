/** The work of `streamalert terraform generate|plan|apply|destroy|list-targets`. */
import { dirname, resolve } from 'node:path';
import { displayPath, loadConfig, type Config } from '../../runtime/config';
import type { CommandContext } from '../context';
import { generateTerraform, type GenerateResult } from './generate';
import { ensureInitialized, runTerraform, withStateBucketHint } from './run-terraform';
import { synthesizeTerraform } from './synthesize';
import { resolveTargets, targetMap } from './targets';
import type { TerraformBootstrapOptions } from './bootstrap-state';
import { hasCorrelationRules } from '../sigma/detect';

/** Options shared by every terraform subcommand. */
export interface TerraformOptions {
  /** Configuration directory. */
  readonly configDir: string;
  /** Directory of the generated files. @default 'terraform' */
  readonly outDir: string;
  /** Rules folder (correlation rules need a state table). @default rules/ beside the conf directory */
  readonly rulesDir?: string;
}

/** Options of plan, apply and destroy. */
export interface TerraformRunOptions extends TerraformOptions {
  readonly action: 'plan' | 'apply' | 'destroy';
  /** Target words (modules, clusters, `cluster/module`). @default everything */
  readonly targets: readonly string[];
  /** Pass `-auto-approve` to apply and destroy. @default false */
  readonly autoApprove: boolean;
}

async function generate(ctx: CommandContext, options: TerraformOptions): Promise<GenerateResult & { readonly config: Config }> {
  const config = loadConfig(options.configDir);
  const rulesDir = resolve(options.rulesDir ?? `${dirname(resolve(options.configDir))}/rules`);
  const result = await generateTerraform(config, resolve(options.outDir), { correlation: hasCorrelationRules(rulesDir) });
  for (const warning of result.warnings) ctx.io.warn(warning);
  return { ...result, config };
}

/** `terraform generate`: writes terraform/*.tf.json and the bootstrap package. */
export async function terraformGenerate(ctx: CommandContext, options: TerraformOptions): Promise<void> {
  const result = await generate(ctx, options);
  const where = displayPath(result.dir);
  ctx.io.info(
    `generated ${result.files.length} file(s) in ${where} (${result.addresses.length} resources): ` +
      `${result.changed.length} changed${result.removed.length ? `, removed ${result.removed.join(', ')}` : ''}`,
  );
  ctx.io.result({ dir: where, files: result.files, changed: result.changed, removed: result.removed, resources: result.addresses.length, warnings: result.warnings });
}

/** `terraform plan|apply|destroy`: generates, initializes when needed, then runs terraform. */
export async function terraformRun(ctx: CommandContext, options: TerraformRunOptions): Promise<void> {
  const result = await generate(ctx, options);
  const targets = resolveTargets(options.targets, result.addresses);
  const args: string[] = [options.action, '-input=false', ...targets.map((t) => `-target=${t}`)];
  if (options.autoApprove && options.action !== 'plan') args.push('-auto-approve');
  const bucket = result.config.terraform.state_bucket;
  let initializing = true;
  try {
    if (await ensureInitialized(result.dir)) ctx.io.info('initialized terraform/');
    initializing = false;
    ctx.io.info(`terraform ${args.join(' ')}`);
    await runTerraform(result.dir, args);
  } catch (err) {
    throw withStateBucketHint(err, bucket, initializing);
  }
  ctx.io.result({ ok: true, action: options.action, dir: displayPath(result.dir), targets });
}

/**
 * `terraform bootstrap`: creates the state bucket. The S3 SDK loads only for this subcommand.
 * @throws StateBucketError (exit 1) naming the failed step.
 */
export async function terraformBootstrap(ctx: CommandContext, options: TerraformBootstrapOptions): Promise<void> {
  const { bootstrapState } = await import('./bootstrap-state');
  await bootstrapState(ctx, options);
}

/** `terraform list-targets`: the words `--target` accepts, with their resource counts. */
export function terraformListTargets(ctx: CommandContext, options: Pick<TerraformOptions, 'configDir'>): void {
  const config = loadConfig(options.configDir);
  // Listing writes nothing: synthesize in memory only.
  const map = targetMap(synthesizeTerraform(config).addresses);
  for (const [target, addresses] of map) ctx.io.data(`${target}\t${addresses.length} resource(s)`);
  ctx.io.result(Object.fromEntries([...map].map(([target, addresses]) => [target, addresses])));
}
