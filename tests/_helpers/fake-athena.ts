/**
 * A loopback fake of the Athena API (JSON 1.1 protocol) for the real SDK: queries move QUEUED -> RUNNING ->
 * the outcome a test chose, results come in pages of `pageSize` rows with the header first, and every call
 * is recorded.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What a started query will do. */
export interface FakeQueryPlan {
  readonly columns: readonly string[];
  readonly rows: readonly (readonly (string | null)[])[];
  readonly bytesScanned: number;
  /** @default 'SUCCEEDED' */
  readonly outcome?: 'SUCCEEDED' | 'FAILED';
  readonly reason?: string;
  /** @default 2 */
  readonly pageSize?: number;
}

/** One recorded call. */
export interface FakeAthenaCall {
  readonly operation: string;
  readonly body: Record<string, unknown>;
}

/** The running fake. */
export interface FakeAthena {
  readonly url: string;
  readonly calls: FakeAthenaCall[];
  /** The plan of the next query started. */
  plan(next: FakeQueryPlan): void;
  close(): Promise<void>;
}

/** Starts the fake on 127.0.0.1. */
export async function startFakeAthena(): Promise<FakeAthena> {
  const calls: FakeAthenaCall[] = [];
  let next: FakeQueryPlan | undefined;
  const queries = new Map<string, { plan: FakeQueryPlan; polls: number }>();
  const server: Server = createServer((req, res) => {
    let text = '';
    req.on('data', (c: Buffer) => (text += c.toString()));
    req.on('end', () => {
      const operation = String(req.headers['x-amz-target'] ?? '').replace('AmazonAthena.', '');
      const body = JSON.parse(text || '{}') as Record<string, unknown>;
      calls.push({ operation, body });
      const send = (status: number, payload: unknown): void => {
        res.writeHead(status, { 'content-type': 'application/x-amz-json-1.1' });
        res.end(JSON.stringify(payload));
      };
      const query = queries.get(String(body.QueryExecutionId));
      if (operation === 'StartQueryExecution') {
        const id = `q-${queries.size + 1}`;
        queries.set(id, { plan: next ?? { columns: [], rows: [], bytesScanned: 0 }, polls: 0 });
        return send(200, { QueryExecutionId: id });
      }
      if (!query) return send(400, { __type: 'InvalidRequestException', Message: 'unknown query' });
      if (operation === 'GetQueryExecution') {
        query.polls += 1;
        const state = query.polls === 1 ? 'QUEUED' : query.polls === 2 ? 'RUNNING' : (query.plan.outcome ?? 'SUCCEEDED');
        return send(200, {
          QueryExecution: {
            QueryExecutionId: body.QueryExecutionId,
            Status: { State: state, ...(state === 'FAILED' ? { StateChangeReason: query.plan.reason ?? 'failed' } : {}) },
            Statistics: { DataScannedInBytes: state === 'QUEUED' ? 0 : query.plan.bytesScanned },
          },
        });
      }
      if (operation === 'GetQueryResults') {
        const size = query.plan.pageSize ?? 2;
        const all = [query.plan.columns, ...query.plan.rows];
        const start = Number(body.NextToken ?? 0);
        const page = all.slice(start, start + size);
        const more = start + size < all.length;
        return send(200, {
          ResultSet: {
            ResultSetMetadata: { ColumnInfo: query.plan.columns.map((name) => ({ Name: name, Type: 'varchar' })) },
            Rows: page.map((row) => ({ Data: row.map((v) => (v === null ? {} : { VarCharValue: v })) })),
          },
          ...(more ? { NextToken: String(start + size) } : {}),
        });
      }
      if (operation === 'StopQueryExecution') return send(200, {});
      return send(400, { __type: 'InvalidRequestException', Message: `unsupported ${operation}` });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    calls,
    plan: (plan) => {
      next = plan;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
