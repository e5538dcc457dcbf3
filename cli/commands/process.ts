import type { Command } from 'commander';
import { NotBuiltError } from '../../runtime/errors';
import { action } from '../context';

export function registerProcessCommand(parent: Command): void {
  parent
    .command('process')
    .description('classify local log files and print the records (not built yet)')
    .allowUnknownOption()
    .allowExcessArguments()
    .action(
      action(() => {
        throw new NotBuiltError('`streamalert process`');
      }),
    );
}
