import type { Command } from 'commander';
import { NotBuiltError } from '../../runtime/errors';
import { action } from '../context';

export function registerOutputCommands(parent: Command): void {
  parent
    .command('output')
    .description('manage alert outputs (set, list, test) (not built yet)')
    .allowUnknownOption()
    .allowExcessArguments()
    .action(
      action(() => {
        throw new NotBuiltError('`streamalert output` (alert delivery)');
      }),
    );
}
