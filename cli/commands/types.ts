import type { Command } from 'commander';
import { NotBuiltError } from '../../runtime/errors';
import { action } from '../context';

export function registerTypesCommands(program: Command): void {
  const rule = program.command('types').description('TypeScript types for the configured log types');
  rule
    .command('generate')
    .description('write TypeScript record types for every log type (not built yet)')
    .allowUnknownOption()
    .allowExcessArguments()
    .action(
      action(() => {
        throw new NotBuiltError('`streamalert types generate`');
      }),
    );
}
