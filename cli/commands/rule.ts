import type { Command } from 'commander';
import { NotBuiltError } from '../../runtime/errors';
import { action } from '../context';

export function registerRuleCommands(program: Command): void {
  const rule = program.command('rule').description('scaffold detection rules');
  rule
    .command('new')
    .description('write a new rule and its test fixture (not built yet)')
    .allowUnknownOption()
    .allowExcessArguments()
    .action(
      action(() => {
        throw new NotBuiltError('`streamalert rule new`');
      }),
    );
}
