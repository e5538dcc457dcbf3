import type { Command } from 'commander';
import { NotBuiltError } from '../../../runtime/errors';
import { action } from '../../context';

export function registerPackageCommand(parent: Command): void {
  parent
    .command('package')
    .description('bundle and zip the Lambda functions (not built yet)')
    .allowUnknownOption()
    .allowExcessArguments()
    .action(
      action(() => {
        throw new NotBuiltError('`streamalert lambda package`');
      }),
    );
}
