/** `streamalert search`: historical search of stored logs and alerts with Athena. */
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { action } from '../context';
import { positiveInt } from './parse-options';

// The search work pulls in the Athena SDK: loaded only when a search runs.
const loadWork = () => import('../search/run-search');

interface SearchFlags {
  readonly file?: string;
  readonly log?: string;
  readonly since?: string;
  readonly until?: string;
  readonly where?: string;
  readonly limit: number;
  readonly dryRun?: boolean;
}

export function registerSearchCommand(program: Command): void {
  program
    .command('search')
    .description(
      'search stored logs and alerts with Athena (the workgroup terraform generates): run SQL, or build a partition-pruned query with --log/--since/--where; rows print as a table, or JSON lines with --json; bytes scanned and cost go to stderr',
    )
    .argument('[sql]', 'a SQL query (tables: one per log type, e.g. cloudtrail_events, and alerts)')
    .option('--file <path>', 'read the SQL from a file')
    .option('--log <type>', "search one log type's table (cloudtrail:events) or 'alerts'")
    .option('--since <time>', 'with --log: start, as a duration back from now (24h, 7d) or ISO 8601', '24h')
    .option('--until <time>', 'with --log: end (default now)')
    .option('--where <condition>', "with --log: a SQL condition, e.g. \"eventname = 'ConsoleLogin'\"")
    .option('--limit <n>', 'with --log: most rows', positiveInt, 100)
    .option('--dry-run', 'print the SQL and stop (no AWS call)')
    .action(
      action<SearchFlags>(async (ctx, flags, args) => {
        const { runSearch } = await loadWork();
        await runSearch(ctx, {
          configDir: resolve(ctx.globals.config),
          sql: args[0],
          file: flags.file,
          log: flags.log,
          since: flags.log === undefined ? undefined : flags.since,
          until: flags.until,
          where: flags.where,
          limit: flags.limit,
          dryRun: flags.dryRun === true,
        });
      }),
    );
}
