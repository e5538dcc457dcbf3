import type { Command } from 'commander';
import { NotBuiltError } from '../../../runtime/errors';
import { action } from '../../context';

export function registerTestCommand(parent: Command): void {
  parent
    .command('test')
    .description('run rule test fixtures offline (not built yet)')
    .allowUnknownOption()
    .allowExcessArguments()
    .action(
      action(() => {
        throw new NotBuiltError('`streamalert lambda test`');
      }),
    );
}
