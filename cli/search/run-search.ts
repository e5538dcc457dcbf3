/**
 * The work of `streamalert search`: run SQL (given, from a file, or built from `--log/--since/--where`) in the
 * project's Athena workgroup, show progress while it runs, print the rows (a table, or JSON lines with --json)
 * and what it scanned and cost.
 */
import { readFileSync } from 'node:fs';
import { loadConfig } from '../../runtime/config';
import { athenaWorkgroupName } from '../../runtime/config/names';
import { UsageError } from '../../runtime/errors';
import type { CommandContext } from '../context';
import { glueDatabaseName } from '../terraform/names';
import { runAthenaQuery, type QueryOutcome } from './athena';
import { formatBytes, formatTable } from './format';
import { buildLogQuery, parseTime } from './sql';

/** Options of {@link runSearch}. */
export interface SearchOptions {
  readonly configDir: string;
  readonly sql?: string;
  readonly file?: string;
  readonly log?: string;
  readonly since?: string;
  readonly until?: string;
  readonly where?: string;
  readonly limit: number;
  /** Print the SQL and stop. */
  readonly dryRun: boolean;
  readonly now?: Date;
}

/** The SQL the options ask for; a usage error when they ask for none or several. */
export function searchSql(options: SearchOptions, config: Parameters<typeof buildLogQuery>[0]): string {
  const given = [options.sql !== undefined, options.file !== undefined, options.log !== undefined].filter(Boolean).length;
  if (given !== 1) throw new UsageError('give one of: a SQL query, --file <query.sql>, or --log <log type> (with --since/--where)');
  if (options.sql !== undefined) return options.sql;
  if (options.file !== undefined) {
    try {
      return readFileSync(options.file, 'utf8');
    } catch {
      throw new UsageError(`cannot read the query file ${options.file}`);
    }
  }
  const now = options.now ?? new Date();
  return buildLogQuery(config, {
    log: options.log ?? '',
    since: parseTime(options.since ?? '24h', now),
    until: options.until === undefined ? now : parseTime(options.until, now),
    where: options.where,
    limit: options.limit,
  });
}

/** Runs the search and prints it. */
export async function runSearch(ctx: CommandContext, options: SearchOptions): Promise<QueryOutcome | undefined> {
  const config = loadConfig(options.configDir);
  const sql = searchSql(options, config);
  if (options.dryRun) {
    ctx.io.data(sql);
    return undefined;
  }
  const controller = new AbortController();
  const stop = (): void => controller.abort();
  process.once('SIGINT', stop);
  let printedHeader = false;
  let rowCount = 0;
  const tableRows: Record<string, string | null>[] = [];
  let tableColumns: readonly string[] = [];
  try {
    const outcome = await runAthenaQuery({
      region: config.account.region,
      sql,
      workgroup: athenaWorkgroupName(config),
      database: glueDatabaseName(config),
      signal: controller.signal,
      onProgress: (state, elapsed, bytes) => ctx.io.progress(`query ${state.toLowerCase()}: ${(elapsed / 1000).toFixed(0)} s, ${formatBytes(bytes)} scanned`),
      onRows: async (rows, columns) => {
        rowCount += rows.length;
        if (ctx.globals.json) {
          for (const row of rows) ctx.io.data(JSON.stringify(row));
          await ctx.io.dataDrained();
        } else {
          // A table needs every row for its column widths; searches print a bounded number of rows.
          tableColumns = columns;
          tableRows.push(...rows);
          printedHeader = true;
        }
      },
    });
    ctx.io.endProgress();
    if (!ctx.globals.json && printedHeader) for (const line of formatTable(tableColumns, tableRows)) ctx.io.data(line);
    ctx.io.note(`${rowCount} row(s); ${formatBytes(outcome.bytesScanned)} scanned, about $${outcome.costUsd.toFixed(4)} (query ${outcome.id}, ${(outcome.elapsedMs / 1000).toFixed(1)} s)`);
    return outcome;
  } finally {
    process.off('SIGINT', stop);
  }
}
