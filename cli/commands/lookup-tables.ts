/** `streamalert lookup-tables list|describe|get|set`. */
import type { Command } from 'commander';
import { action } from '../context';
import { runLookupTables } from '../lookup-tables';

export function registerLookupTablesCommands(program: Command): void {
  const group = program.command('lookup-tables').description('lookup tables of conf/lookup_tables.json: list them, read and write their values');
  const dir = (ctx: { globals: { config: string } }) => ctx.globals.config;
  group
    .command('list')
    .description('list the declared tables and where each is stored')
    .action(action((ctx) => runLookupTables(ctx, { dir: dir(ctx), action: 'list' })));
  group
    .command('describe <table>')
    .description('read a table from its store and show its settings and key count')
    .action(action((ctx, _o, [table]) => runLookupTables(ctx, { dir: dir(ctx), action: 'describe', table })));
  group
    .command('get <table> <key>')
    .description('print one value (JSON) from the store; exit 1 when the key is absent')
    .action(action((ctx, _o, [table, key]) => runLookupTables(ctx, { dir: dir(ctx), action: 'get', table, key })));
  group
    .command('set <table> <key> <value>')
    .description('write one value: an S3 table object is rewritten whole, a DynamoDB item is put')
    .option('--string', 'store <value> as text instead of parsing it as JSON')
    .addHelpText('after', '\n<value> is JSON: \'["Netscape"]\', \'"text"\', 42. For DynamoDB tables with a sort key, <key> is <partition><key_delimiter><sort>.')
    .action(action((ctx, o: { string?: boolean }, [table, key, value]) => runLookupTables(ctx, { dir: dir(ctx), action: 'set', table, key, value, string: o.string })));
}
