/** `streamalert types generate`. */
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { action } from '../context';
import { writeRecordTypes } from '../testing/record-types';

export function registerTypesCommands(program: Command): void {
  const types = program.command('types').description('TypeScript types for the configured log types');
  types
    .command('generate')
    .description('write TypeScript record types for every configured log type, so rule<\'cloudtrail:events\'>(...) checks field names')
    .option('--out <file>', 'file to write (generated, do not edit)', 'rules/types.generated.d.ts')
    .action(action<{ out: string }>((ctx, flags) => writeRecordTypes(ctx, { out: resolve(flags.out) })));
}
