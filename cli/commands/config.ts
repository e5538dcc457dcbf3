/** `streamalert config validate|import`. */
import type { Command } from 'commander';
import { NotBuiltError } from '../../runtime/errors';
import { validateConfig } from '../config/validate-config';
import { action } from '../context';

export function registerConfigCommands(program: Command): void {
  const config = program.command('config').description('check and import configuration');
  config
    .command('validate')
    .description('validate conf/ (variables.json, schemas, outputs.json) and print "ok" or every problem (exit 3)')
    .action(action((ctx) => validateConfig(ctx, { dir: ctx.globals.config })));
  config
    .command('import')
    .description('convert an Airbnb StreamAlert conf directory (v3 or 1.4 layout) into this project\'s conf/ (not built yet)')
    .allowUnknownOption()
    .allowExcessArguments()
    .action(
      action(() => {
        throw new NotBuiltError('`streamalert config import`');
      }),
    );
}
