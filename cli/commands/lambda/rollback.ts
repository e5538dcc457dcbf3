import type { Command } from 'commander';
import { NotBuiltError } from '../../../runtime/errors';
import { action } from '../../context';

export function registerRollbackCommand(parent: Command): void {
  parent
    .command('rollback')
    .description('move the production alias back to the previous version (not built yet)')
    .allowUnknownOption()
    .allowExcessArguments()
    .action(
      action(() => {
        throw new NotBuiltError('`streamalert lambda rollback`');
      }),
    );
}
