/** Running one Athena query: start it in the workgroup, poll until it ends, read every page of results. */
import {
  AthenaClient,
  GetQueryExecutionCommand,
  GetQueryResultsCommand,
  StartQueryExecutionCommand,
  StopQueryExecutionCommand,
  type QueryExecution,
} from '@aws-sdk/client-athena';
import { StreamAlertError } from '../../runtime/errors';
import { customEndpoint, suppressNodeVersionWarning } from '../aws/clients';

/** Athena's price per terabyte scanned (us-east-1, checked 2026-11; 10 MB minimum per query). */
export const ATHENA_USD_PER_TB = 5;
const MIN_BILLED_BYTES = 10_000_000;

/** What {@link runAthenaQuery} returns. */
export interface QueryOutcome {
  readonly id: string;
  readonly columns: readonly string[];
  /** Rows as column -> value (Athena returns text; NULL as undefined is kept as null). */
  readonly rows: readonly Record<string, string | null>[];
  readonly bytesScanned: number;
  readonly costUsd: number;
  readonly elapsedMs: number;
}

/** Options of {@link runAthenaQuery}. */
export interface AthenaQueryOptions {
  readonly region: string;
  readonly sql: string;
  readonly workgroup: string;
  readonly database: string;
  /** Called at each poll with the state and what is known so far. */
  readonly onProgress?: (state: string, elapsedMs: number, bytesScanned: number) => void;
  /** Called with each page of rows as it arrives (rows are not kept when given). */
  readonly onRows?: (rows: readonly Record<string, string | null>[], columns: readonly string[]) => void | Promise<void>;
  /** @default 500 */
  readonly pollMs?: number;
  /** @default 30 minutes (Athena's own DML timeout) */
  readonly maxWaitMs?: number;
  readonly client?: AthenaClient;
  readonly signal?: AbortSignal;
}

/** Cost of a query that scanned `bytes`, at {@link ATHENA_USD_PER_TB}. */
export function queryCost(bytes: number): number {
  return (Math.max(bytes, MIN_BILLED_BYTES) / 1e12) * ATHENA_USD_PER_TB;
}

function athenaClient(region: string): AthenaClient {
  suppressNodeVersionWarning(process.env);
  const endpoint = customEndpoint('ATHENA');
  return new AthenaClient({ region, ...(endpoint ? { endpoint } : {}) });
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function awsError(what: string, err: unknown): StreamAlertError {
  return new StreamAlertError('AthenaFailed', `${what}: ${err instanceof Error ? err.message : String(err)}`, { source: 'aws', cause: err });
}

/** Runs `sql` and reads its results. Throws when the query fails, is cancelled, or outlasts `maxWaitMs`. */
export async function runAthenaQuery(options: AthenaQueryOptions): Promise<QueryOutcome> {
  const client = options.client ?? athenaClient(options.region);
  const started = Date.now();
  let id: string;
  try {
    const out = await client.send(
      new StartQueryExecutionCommand({ QueryString: options.sql, WorkGroup: options.workgroup, QueryExecutionContext: { Database: options.database } }),
    );
    id = out.QueryExecutionId ?? '';
  } catch (err) {
    throw awsError(`starting the query in workgroup ${options.workgroup} failed`, err);
  }
  let execution: QueryExecution | undefined;
  let wait = options.pollMs ?? 500;
  for (;;) {
    if (options.signal?.aborted || Date.now() - started > (options.maxWaitMs ?? 1_800_000)) {
      await client.send(new StopQueryExecutionCommand({ QueryExecutionId: id })).catch(() => undefined);
      throw new StreamAlertError('AthenaStopped', `query ${id} stopped ${options.signal?.aborted ? 'on request' : 'after waiting too long'}`, { source: 'aws' });
    }
    try {
      execution = (await client.send(new GetQueryExecutionCommand({ QueryExecutionId: id }))).QueryExecution;
    } catch (err) {
      throw awsError(`reading the state of query ${id} failed`, err);
    }
    const state = execution?.Status?.State ?? 'UNKNOWN';
    options.onProgress?.(state, Date.now() - started, execution?.Statistics?.DataScannedInBytes ?? 0);
    if (state === 'SUCCEEDED') break;
    if (state === 'FAILED' || state === 'CANCELLED') {
      const reason = execution?.Status?.StateChangeReason ?? execution?.Status?.AthenaError?.ErrorMessage ?? 'no reason given';
      throw new StreamAlertError('QueryFailed', `query ${id} ${state.toLowerCase()}: ${reason}`, { source: 'user', hint: 'check the SQL; `streamalert search --log <type> --since 1h` builds a valid one' });
    }
    await sleep(wait);
    wait = Math.min(wait * 1.5, 5000);
  }
  const kept: Record<string, string | null>[] = [];
  let columns: string[] = [];
  let token: string | undefined;
  let first = true;
  do {
    let page;
    try {
      page = await client.send(new GetQueryResultsCommand({ QueryExecutionId: id, NextToken: token, MaxResults: 1000 }));
    } catch (err) {
      throw awsError(`reading the results of query ${id} failed`, err);
    }
    if (first) columns = (page.ResultSet?.ResultSetMetadata?.ColumnInfo ?? []).map((c) => c.Name ?? '');
    const data = (page.ResultSet?.Rows ?? []).map((row) => row.Data ?? []);
    // The first row of the first page is the header of a SELECT.
    const body = first && data.length > 0 && data[0]?.every((d, i) => d.VarCharValue === columns[i]) ? data.slice(1) : data;
    const rows = body.map((cells) => Object.fromEntries(columns.map((c, i) => [c, cells[i]?.VarCharValue ?? null])));
    if (options.onRows) await options.onRows(rows, columns);
    else kept.push(...rows);
    first = false;
    token = page.NextToken;
  } while (token);
  const bytes = execution?.Statistics?.DataScannedInBytes ?? 0;
  return { id, columns, rows: kept, bytesScanned: bytes, costUsd: queryCost(bytes), elapsedMs: Date.now() - started };
}
