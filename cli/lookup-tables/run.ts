/** The work of `streamalert lookup-tables list|describe|get|set`. */
import { loadConfig, type LookupTableConfig } from '../../runtime/config';
import { ExitCode, StreamAlertError, UsageError } from '../../runtime/errors';
import { describeAwsError } from '../aws';
import type { CommandContext, CommandResult } from '../context';
import { tableAccess } from './access';
import type { LookupTablesOptions, TableAccessFactory } from './types';

/** Where a table lives, in one phrase. */
export function storeOf(table: LookupTableConfig): string {
  return table.driver === 's3' ? `s3://${table.bucket}/${table.key}${table.compression === 'gzip' ? ' (gzip)' : ''}` : `dynamodb://${table.table}`;
}

/** Parses a `set` value: JSON unless `--string`. */
export function parseValue(raw: string, asString: boolean): unknown {
  if (asString) return raw;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    throw new UsageError(`value ${JSON.stringify(raw)} is not JSON`, 'quote JSON text (\'["a","b"]\', \'"text"\', 3) or pass --string to store it as text');
  }
}

/** Runs one action. */
export async function runLookupTables(ctx: CommandContext, options: LookupTablesOptions, access: TableAccessFactory = tableAccess): Promise<CommandResult> {
  const config = loadConfig(options.dir);
  const tables = config.lookup_tables.tables;
  if (options.action === 'list') {
    const rows = Object.entries(tables).map(([name, t]) => ({ name, driver: t.driver, store: storeOf(t), cache_refresh_minutes: t.cache_refresh_minutes }));
    if (rows.length === 0) ctx.io.info('no lookup tables (declare them in conf/lookup_tables.json)');
    for (const r of rows) ctx.io.info(`${r.name}  ${r.store}  refresh every ${r.cache_refresh_minutes} min`);
    if (rows.length > 0 && !config.lookup_tables.enabled) ctx.io.warn('lookup_tables.json has "enabled": false: deployed rules read every lookup as its default');
    ctx.io.result({ enabled: config.lookup_tables.enabled, tables: rows });
    return undefined;
  }
  const name = options.table ?? '';
  const table = tables[name];
  if (!table) throw new UsageError(`unknown lookup table "${name}"`, `tables: ${Object.keys(tables).join(', ') || 'none'} (conf/lookup_tables.json)`);
  const store = access(table, config.account.region);
  try {
    if (options.action === 'describe') {
      const values = await store.readAll();
      const keys = Object.keys(values);
      ctx.io.info(`${name}: ${storeOf(table)}, ${keys.length} key(s), refresh every ${table.cache_refresh_minutes} min`);
      ctx.io.result({ name, ...table, keys: keys.length, sample_keys: keys.slice(0, 20) });
      return undefined;
    }
    const key = options.key ?? '';
    if (options.action === 'get') {
      const value = await store.get(key);
      if (value === undefined) {
        ctx.io.error(`${name}: no key "${key}"`);
        ctx.io.result({ table: name, key, found: false });
        return ExitCode.Runtime;
      }
      ctx.io.info(JSON.stringify(value));
      ctx.io.result({ table: name, key, found: true, value });
      return undefined;
    }
    const value = parseValue(options.value ?? '', options.string === true);
    await store.set(key, value);
    ctx.io.info(`${name}: set "${key}" in ${storeOf(table)}`);
    ctx.io.result({ table: name, key, value });
    return undefined;
  } catch (err) {
    if (err instanceof StreamAlertError) throw err;
    throw new StreamAlertError('LookupTableStore', `${name} (${storeOf(table)}): ${describeAwsError(err)}`, { source: 'aws', cause: err });
  }
}
