/** `streamalert config validate|import`. */
import type { Command } from 'commander';
import { importConfig, type ImportCommandOptions } from '../config/import-config';
import { validateConfig } from '../config/validate-config';
import { action } from '../context';

export function registerConfigCommands(program: Command): void {
  const config = program.command('config').description('check and import configuration');
  config
    .command('validate')
    .description('validate conf/ (variables.json, schemas, outputs.json) and the outputs every rule names; print "ok" or every problem (exit 3)')
    .option('--rules-dir <dir>', 'directory of the rule files whose outputs are checked (default: rules/ beside the conf directory)')
    .action(action<{ rulesDir?: string }>((ctx, flags) => validateConfig(ctx, { dir: ctx.globals.config, rulesDir: flags.rulesDir })));
  config
    .command('import')
    .description("convert an Airbnb StreamAlert conf directory (v3, 1.4 or 1.3 layout) into this project's conf/")
    .requiredOption('--from <dir>', 'StreamAlert conf directory (or the directory holding conf/)')
    .requiredOption('--to <dir>', 'directory to write variables.json, schemas/ (or logs.json) and outputs.json into')
    .option('--account-id <id>', 'AWS account id to use (required when the source holds a placeholder)')
    .option('--prefix <prefix>', 'resource prefix to use (required when the source holds a placeholder)')
    .option('--schemas <path>', 'a StreamAlert logs.json or schemas directory, for layouts that keep schemas elsewhere (1.3)')
    .option('--drop-unknown-log-types', 'leave out data-source entries that name log types no schema declares')
    .option('--force', 'write into a non-empty --to directory')
    .addHelpText(
      'after',
      '\nSchemas are copied unchanged. Cluster data_sources (1.x: sources.json, given to every cluster) and modules\n' +
        'are mapped; what cannot be mapped is listed as a warning. The result is validated like `config validate`.',
    )
    .action(action((ctx, options: ImportCommandOptions) => importConfig(ctx, options)));
}
