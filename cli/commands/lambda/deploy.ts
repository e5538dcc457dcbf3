/** `streamalert lambda deploy`. */
import type { Command } from 'commander';
import { action } from '../../context';
import { runDeploy } from '../../deploy';
import { addPackageOptions, addTargetOptions } from './options';
import { packageOptions } from './package';

interface DeployFlags {
  readonly function: string;
  readonly cluster?: string;
  readonly rulesDir: string;
  readonly includeSourcemap?: boolean;
  readonly entry?: string;
  readonly dryRun?: boolean;
}

export function registerDeployCommand(parent: Command): void {
  const command = parent
    .command('deploy')
    .description(
      'package, upload to the source bucket, update the code, publish a version and move the production alias\n' +
        '(the alias moves last, guarded by its RevisionId: it never moves when a step fails)',
    );
  addTargetOptions(command);
  addPackageOptions(command);
  command
    .option('--dry-run', 'package and print the plan without calling AWS')
    .action(action<DeployFlags>((ctx, flags) => runDeploy(ctx, { ...packageOptions(flags), dryRun: flags.dryRun === true })));
}
