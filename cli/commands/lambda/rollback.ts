/** `streamalert lambda rollback`. */
import type { Command } from 'commander';
import { action } from '../../context';
import { runRollback } from '../../deploy';
import { addTargetOptions } from './options';

interface RollbackFlags {
  readonly function: string;
  readonly cluster?: string;
  readonly to?: string;
}

export function registerRollbackCommand(parent: Command): void {
  const command = parent
    .command('rollback')
    .description(
      'move the production alias back to the previous published version (asked from AWS, gaps allowed), or to --to;\n' +
        'refuses a function at its first version or whose alias points at $LATEST',
    );
  addTargetOptions(command);
  command
    .option('--to <version>', 'published version to move the alias to (needs a single function: --function alert, --function merger, --function threat_intel_downloader, or --function rule --cluster <name>)')
    .action(action<RollbackFlags>((ctx, flags) => runRollback(ctx, { function: flags.function, cluster: flags.cluster, to: flags.to })));
}
