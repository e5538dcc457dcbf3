/** The work of `streamalert lambda package`, also the first step of `lambda deploy`. */
import { displayPath, loadConfig, type Config } from '../../runtime/config';
import type { CommandContext } from '../context';
import { UsageError } from '../../runtime/errors';
import { packageFunctions } from './package-functions';
import { selectTargets } from './targets';
import type { FunctionPackage } from './types';

/** Options of `lambda package` (and the packaging part of `lambda deploy`). */
export interface PackageOptions {
  /** `rule`, `alert`, `merger` or `all`. @default 'all' */
  readonly function?: string;
  readonly cluster?: string;
  /** @default `<cwd>/rules` */
  readonly rulesDir?: string;
  /** @default `<cwd>/.build` */
  readonly outDir?: string;
  /** Put the source map in the zip too. @default false */
  readonly includeSourcemap?: boolean;
  /** Handler to bundle for every selected function (tests). @default each kind's entry under runtime/handlers/ */
  readonly entry?: string;
}

/** Where each optional function is switched on. */
const NOT_CONFIGURED_HINTS: Readonly<Record<string, string>> = {
  rule_promotion: 'rule_promotion exists when global.rule_staging.enabled is true in variables.json',
  threat_intel_downloader: 'the downloader exists when threat_intel.json is enabled with a downloader section',
  apps: 'apps are configured under clusters.<name>.modules.streamalert_apps (streamalert app new)',
  scheduled_queries: 'scheduled queries exist when scheduled_queries.json is enabled',
};

/** Formats a byte count as KiB with one decimal. */
export function formatSize(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KiB`;
}

/** Loads the configuration, selects the functions and packages them, printing each size and hash. */
export async function packageSelected(ctx: CommandContext, options: PackageOptions): Promise<{ config: Config; packages: FunctionPackage[] }> {
  const config = loadConfig(ctx.globals.config);
  const targets = selectTargets(config, options);
  if (targets.length === 0) {
    throw new UsageError(
      `--function ${options.function ?? 'all'}${options.cluster === undefined ? '' : ` --cluster ${options.cluster}`}: no such function is configured, so nothing was packaged`,
      NOT_CONFIGURED_HINTS[options.function ?? ''] ?? 'streamalert lambda package (every function) lists the configured ones',
    );
  }
  const packages = await packageFunctions({
    config,
    targets,
    rulesDir: options.rulesDir,
    outDir: options.outDir,
    includeSourcemap: options.includeSourcemap,
    entry: options.entry,
    onProgress: (target, step) => ctx.io.progress(`${target.name}: ${step}...`),
  });
  ctx.io.endProgress();
  for (const warning of new Set(packages.flatMap((p) => p.warnings))) ctx.io.warn(`esbuild: ${warning}`);
  for (const pkg of packages) {
    // Only rule processors carry the rules; the other bundles would show a count of files they do not hold.
    const rules = pkg.target.kind === 'rule' ? ` (${pkg.ruleFiles.length} rule file(s))` : '';
    ctx.io.info(`${pkg.target.name}: ${displayPath(pkg.zipPath)} ${formatSize(pkg.size)} sha256 ${pkg.sha256}${rules}`);
  }
  return { config, packages };
}

/** JSON view of a package. */
export function packageJson(pkg: FunctionPackage): Record<string, unknown> {
  return {
    function: pkg.target.name,
    kind: pkg.target.kind,
    cluster: pkg.target.cluster,
    zip: pkg.zipPath,
    size: pkg.size,
    sha256: pkg.sha256,
    code_sha256: pkg.codeSha256,
    sourcemap: pkg.mapPath ?? null,
    rule_files: pkg.ruleFiles,
  };
}

/** `streamalert lambda package`: type check, bundle and zip the selected functions. */
export async function runPackage(ctx: CommandContext, options: PackageOptions): Promise<number> {
  const { packages } = await packageSelected(ctx, options);
  ctx.io.result({ ok: true, packages: packages.map(packageJson) });
  return 0;
}
