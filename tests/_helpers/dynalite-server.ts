/** A real DynamoDB API (dynalite, in memory) on 127.0.0.1 and a free port, started once per test file. */
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { CreateTableCommand, DescribeTableCommand, DynamoDBClient, type CreateTableCommandInput } from '@aws-sdk/client-dynamodb';

// dynalite ships no types: a function returning an http.Server.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const dynalite = require('dynalite') as (options: { createTableMs?: number; deleteTableMs?: number; updateTableMs?: number }) => Server;

/** A running dynalite. */
export interface DynaliteServer {
  readonly endpoint: string;
  /** A client on the server with dummy credentials. */
  readonly client: DynamoDBClient;
  createTable(input: CreateTableCommandInput): Promise<void>;
  close(): Promise<void>;
}

/** Starts dynalite on a free loopback port (tables become ACTIVE at once). */
export async function startDynalite(): Promise<DynaliteServer> {
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const client = new DynamoDBClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
  return {
    endpoint,
    client,
    async createTable(input) {
      await client.send(new CreateTableCommand({ BillingMode: 'PAY_PER_REQUEST', ...input }));
      await waitForActiveTable(client, input.TableName ?? '');
    },
    async close() {
      client.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A loopback endpoint nothing listens on (a store that is down). */
export const DEAD_ENDPOINT = 'http://127.0.0.1:9';

/**
 * Waits until dynalite reports `table` ACTIVE. Even with `createTableMs: 0` a new table is CREATING until a timer
 * fires; on a loaded machine the next request can come first and get ResourceNotFoundException.
 */
export async function waitForActiveTable(client: DynamoDBClient, table: string): Promise<void> {
  for (let attempt = 0; attempt < 400; attempt++) {
    const out = await client.send(new DescribeTableCommand({ TableName: table })).catch(() => undefined);
    if (out?.Table?.TableStatus === 'ACTIVE') return;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new TypeError(`dynalite table ${table} never became ACTIVE`);
}
