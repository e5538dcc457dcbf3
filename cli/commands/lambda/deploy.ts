import type { Command } from 'commander';
import { NotBuiltError } from '../../../runtime/errors';
import { action } from '../../context';

export function registerDeployCommand(parent: Command): void {
  parent
    .command('deploy')
    .description('package and deploy functions behind the production alias (not built yet)')
    .allowUnknownOption()
    .allowExcessArguments()
    .action(
      action(() => {
        throw new NotBuiltError('`streamalert lambda deploy`');
      }),
    );
}
