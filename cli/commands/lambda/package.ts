/** `streamalert lambda package`. */
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { action } from '../../context';
import { runPackage, type PackageOptions } from '../../package';
import { addPackageOptions, addTargetOptions } from './options';

interface PackageFlags {
  readonly function: string;
  readonly cluster?: string;
  readonly rulesDir: string;
  readonly outDir: string;
  readonly includeSourcemap?: boolean;
  readonly entry?: string;
}

/** Turns the flags into the work function's options. */
export function packageOptions(flags: Omit<PackageFlags, 'outDir'> & { outDir?: string }): PackageOptions {
  return {
    function: flags.function,
    cluster: flags.cluster,
    rulesDir: resolve(flags.rulesDir),
    outDir: flags.outDir === undefined ? undefined : resolve(flags.outDir),
    includeSourcemap: flags.includeSourcemap === true,
    entry: flags.entry === undefined ? undefined : resolve(flags.entry),
  };
}

export function registerPackageCommand(parent: Command): void {
  const command = parent
    .command('package')
    .description('type check, bundle (esbuild) and zip each function deterministically; prints each size and SHA-256');
  addTargetOptions(command);
  addPackageOptions(command);
  command
    .option('--out-dir <dir>', 'where the zips and source maps are written', '.build')
    .action(action<PackageFlags>((ctx, flags) => runPackage(ctx, packageOptions(flags))));
}
