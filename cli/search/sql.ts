/**
 * The SQL `streamalert search --log` builds: one log type's Glue table (or `alerts`), its `dt` partitions
 * pruned to the time window (hourly, `yyyy-MM-dd-HH`, as Firehose writes them), the user's condition, a limit.
 */
import type { Config } from '../../runtime/config';
import { UsageError } from '../../runtime/errors';
import { glueDatabaseName, glueTableName } from '../terraform/names';

/** `30m`, `24h`, `7d`, `2w` -> milliseconds. */
export function parseDuration(text: string): number {
  const match = /^(\d+)\s*(m|h|d|w)$/.exec(text.trim());
  if (!match) throw new UsageError(`duration "${text}" is not understood`, 'use a number and a unit: 30m, 24h, 7d, 2w');
  const unit = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 }[match[2] as 'm' | 'h' | 'd' | 'w'];
  return Number(match[1]) * unit;
}

/** A time as the `dt` partition value of its hour. */
export function partitionOf(time: Date): string {
  const iso = time.toISOString();
  return `${iso.slice(0, 10)}-${iso.slice(11, 13)}`;
}

/** A point in time: an ISO 8601 date/time, or a duration back from `now` (`24h`). */
export function parseTime(text: string, now: Date): Date {
  if (/^\d+\s*[mhdw]$/.test(text.trim())) return new Date(now.getTime() - parseDuration(text));
  const time = Date.parse(text);
  if (Number.isNaN(time)) throw new UsageError(`time "${text}" is not understood`, 'use ISO 8601 (2026-11-30T12:00:00Z) or a duration back from now (24h)');
  return new Date(time);
}

/** Options of {@link buildLogQuery}. */
export interface LogQueryOptions {
  /** A log type ('cloudtrail:events') or 'alerts'. */
  readonly log: string;
  readonly since: Date;
  /** @default now */
  readonly until: Date;
  /** A SQL condition, ANDed in as written (the user's own query language). */
  readonly where?: string;
  readonly limit: number;
}

/** The partition-pruned SQL of a `--log` search. */
export function buildLogQuery(config: Pick<Config, 'account' | 'logs' | 'global'>, options: LogQueryOptions): string {
  const table = options.log === 'alerts' ? 'alerts' : glueTableName(options.log);
  if (options.log !== 'alerts') {
    if (config.logs[options.log] === undefined) throw new UsageError(`unknown log type "${options.log}"`, 'name a log type of conf/schemas (cloudtrail:events) or "alerts"');
    if (!config.global.firehose.enabled || !config.global.firehose.log_types.includes(options.log)) {
      throw new UsageError(`log type "${options.log}" is not delivered to the data bucket, so there is nothing to search`, 'add it to global.firehose.log_types (and enable firehose)');
    }
  }
  if (options.since.getTime() > options.until.getTime()) throw new UsageError('--since is after --until');
  const conditions = [`dt >= '${partitionOf(options.since)}'`, `dt <= '${partitionOf(options.until)}'`];
  if (options.where !== undefined && options.where.trim() !== '') conditions.push(`(${options.where})`);
  return `SELECT * FROM "${glueDatabaseName(config)}"."${table}" WHERE ${conditions.join(' AND ')} LIMIT ${options.limit}`;
}
