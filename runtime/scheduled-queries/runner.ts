/**
 * Runs one pack: render and start each query, check them every `waitMs` until each ends or the pack's time is
 * up: `timeoutMs` (sfn_timeout_secs), or the function's own time less a reserve for stopping the queries and
 * sending the records, whichever comes first. A query still running then is stopped (StopQueryExecution) and
 * gets an error record. Then one streamquery record is sent per query (its rows split over
 * several records when they do not fit one Kinesis record; a failed or stopped query sends StreamAlert's
 * error record), so ordinary rules alert on the results.
 */
import { silentLogger, type Logger } from '../logger';
import { KINESIS_RECORD_MAX_BYTES } from './kinesis';
import type { AthenaQueries, QueryStatus } from './athena';
import { renderQuery, type RenderedQuery } from './params';
import type { RecordSender, ScheduledQuery, StreamQueryRecord } from './types';

/** Options of {@link runPack}. */
export interface RunPackOptions {
  readonly queries: readonly ScheduledQuery[];
  readonly athena: AthenaQueries;
  readonly send: RecordSender;
  readonly region: string;
  /** @default () => new Date() */
  readonly now?: () => Date;
  readonly waitMs: number;
  /** Longest the pack may run before its queries are stopped. */
  readonly timeoutMs: number;
  /** Milliseconds the invocation has left (Lambda's `getRemainingTimeInMillis`). @default no limit */
  readonly remainingMs?: () => number;
  /** Time kept for stopping queries, reading results and sending records. @default 60000 */
  readonly reserveMs?: number;
  /** @default setTimeout */
  readonly sleep?: (ms: number) => Promise<void>;
  readonly logger?: Logger;
}

/** What a pack run did. */
export interface PackSummary {
  readonly queries: number;
  readonly succeeded: number;
  readonly failed: number;
  readonly rows: number;
  readonly records_sent: number;
}

const TERMINAL = new Set(['SUCCEEDED', 'FAILED', 'CANCELLED']);

function consoleLink(region: string, id: string): string {
  return `https://${region}.console.aws.amazon.com/athena/home?region=${region}#/query-editor/history/${id}`;
}

/** The records of one query's result, each within Kinesis' record limit. */
export function resultRecords(base: Omit<StreamQueryRecord, 'data'>, headers: readonly string[], rows: readonly Record<string, string | null>[]): StreamQueryRecord[] {
  const whole: StreamQueryRecord = { ...base, data: { headers, rows, count: rows.length } };
  if (Buffer.byteLength(JSON.stringify(whole)) <= KINESIS_RECORD_MAX_BYTES) return [whole];
  const overhead = Buffer.byteLength(JSON.stringify({ ...base, data: { headers, rows: [], count: rows.length, part: 999999, parts: 999999 } }));
  const parts: Record<string, string | null>[][] = [[]];
  let size = overhead;
  for (const row of rows) {
    const bytes = Buffer.byteLength(JSON.stringify(row)) + 1;
    if (size + bytes > KINESIS_RECORD_MAX_BYTES && (parts.at(-1)?.length ?? 0) > 0) {
      parts.push([]);
      size = overhead;
    }
    parts.at(-1)?.push(row);
    size += bytes;
  }
  return parts.map((part, i) => ({ ...base, data: { headers, rows: part, count: rows.length, part: i + 1, parts: parts.length } }));
}

/** Runs the queries of one pack and sends their results. */
export async function runPack(options: RunPackOptions): Promise<PackSummary> {
  const logger = options.logger ?? silentLogger;
  const now = (options.now ?? (() => new Date()))();
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const started = Date.now();
  const functionLeft = options.remainingMs?.() ?? Number.POSITIVE_INFINITY;
  const reserve = options.reserveMs ?? 60_000;
  const byFunction = started + Math.max(0, functionLeft - reserve);
  const deadline = Math.min(started + options.timeoutMs, byFunction);
  const why = deadline === byFunction && byFunction < started + options.timeoutMs
    ? `stopped: the function's time ran out (${Math.round(functionLeft / 1000)} s, ${Math.round(reserve / 1000)} s kept to report)`
    : `stopped after ${Math.round(options.timeoutMs / 1000)} s (sfn_timeout_secs)`;
  const running = await Promise.all(
    options.queries.map(async (query) => {
      const rendered: RenderedQuery = renderQuery(query.query, now);
      try {
        return { query, rendered, id: await options.athena.start(rendered.sql) };
      } catch (err) {
        logger.error('scheduled query could not start', { query: query.name, error: err instanceof Error ? err.message : String(err) });
        return { query, rendered, id: '', startError: err instanceof Error ? err.message : String(err) };
      }
    }),
  );
  const statuses = new Map<string, QueryStatus>();
  for (;;) {
    const open = running.filter((r) => r.id !== '' && !TERMINAL.has(statuses.get(r.id)?.state ?? ''));
    if (open.length === 0) break;
    if (Date.now() >= deadline) {
      for (const r of open) {
        await options.athena.stop(r.id).catch((err: unknown) => logger.error('scheduled query could not be stopped', { query: r.query.name, id: r.id, error: err instanceof Error ? err.message : String(err) }));
        logger.warn('scheduled query stopped', { query: r.query.name, id: r.id, reason: why });
        statuses.set(r.id, { state: 'CANCELLED', reason: why, bytesScanned: statuses.get(r.id)?.bytesScanned ?? 0, executionMs: 0 });
      }
      break;
    }
    for (const r of open) statuses.set(r.id, await options.athena.status(r.id));
    // Never sleep past the deadline: the queries must be stopped and reported while the function still runs.
    if (running.some((r) => r.id !== '' && !TERMINAL.has(statuses.get(r.id)?.state ?? ''))) await sleep(Math.max(0, Math.min(options.waitMs, deadline - Date.now())));
  }
  const records: StreamQueryRecord[] = [];
  let succeeded = 0;
  let rows = 0;
  for (const r of running) {
    const status = statuses.get(r.id);
    const base: Omit<StreamQueryRecord, 'data'> = {
      streamquery_schema_version: '1.0.0',
      execution: {
        name: r.query.name,
        description: r.query.description,
        query: r.rendered.sql,
        query_parameters: r.rendered.parameters,
        data_scanned_in_bytes: status?.bytesScanned ?? 0,
        execution_time_ms: status?.executionMs ?? 0,
        tags: r.query.tags,
        query_execution_id: r.id,
        console_link: r.id === '' ? '' : consoleLink(options.region, r.id),
        ...(status?.state === 'SUCCEEDED' ? {} : { error: { description: 'startError' in r ? String(r.startError) : (status?.reason ?? status?.state ?? 'unknown') } }),
      },
    };
    if (status?.state === 'SUCCEEDED') {
      const result = await options.athena.results(r.id);
      succeeded += 1;
      rows += result.rows.length;
      records.push(...resultRecords(base, result.headers, result.rows));
    } else {
      logger.error('scheduled query did not succeed', { query: r.query.name, id: r.id, error: base.execution.error?.description });
      records.push({ ...base, data: { headers: [], rows: [], count: 0 } });
    }
  }
  await options.send(records);
  const summary: PackSummary = { queries: running.length, succeeded, failed: running.length - succeeded, rows, records_sent: records.length };
  logger.info('scheduled query pack complete', { ...summary });
  return summary;
}
