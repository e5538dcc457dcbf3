/**
 * A real DynamoDB implementation for tests: dynalite (in memory) on 127.0.0.1 at a free port, started once
 * per test file, with the alerts table (`RuleName`/`AlertID`, the sparse `due` index) created through the SDK.
 */
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { CreateTableCommand, DeleteTableCommand, DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { waitForActiveTable } from './dynalite-server';
import * as sdk from '../../runtime/lookup-tables/dynamodb-sdk.lazy';
import type { DynamoHandle } from '../../runtime/alerts/client';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const dynalite = require('dynalite') as (options: Record<string, unknown>) => Server;

/** A running dynalite. */
export interface Dynalite {
  readonly endpoint: string;
  /** A client on it (dummy credentials), in the form the alert store takes. */
  readonly handle: () => Promise<DynamoHandle>;
  readonly client: DynamoDBClient;
  /** Creates (or re-creates, empty) an alerts table. */
  createAlertsTable(name: string): Promise<void>;
  stop(): Promise<void>;
}

/** Starts dynalite on 127.0.0.1 at a free port. */
export async function startDynalite(): Promise<Dynalite> {
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const client = new DynamoDBClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
  const tables = new Set<string>();
  return {
    endpoint,
    client,
    handle: async () => ({ sdk, client }),
    async createAlertsTable(name) {
      if (tables.has(name)) {
        await client.send(new DeleteTableCommand({ TableName: name }));
        // Deletion is asynchronous too: wait until the name is free.
        for (let i = 0; i < 400 && (await client.send(new DescribeTableCommand({ TableName: name })).then(() => true, () => false)); i++) {
          await new Promise((resolve) => setTimeout(resolve, 5));
        }
      }
      await client.send(
        new CreateTableCommand({
          TableName: name,
          BillingMode: 'PAY_PER_REQUEST',
          AttributeDefinitions: [
            { AttributeName: 'RuleName', AttributeType: 'S' },
            { AttributeName: 'AlertID', AttributeType: 'S' },
            { AttributeName: 'DueShard', AttributeType: 'S' },
            { AttributeName: 'DueAt', AttributeType: 'N' },
          ],
          KeySchema: [
            { AttributeName: 'RuleName', KeyType: 'HASH' },
            { AttributeName: 'AlertID', KeyType: 'RANGE' },
          ],
          // The sparse index of pending alerts by next-due time, as cli/terraform/modules/alerts-table.ts declares it.
          GlobalSecondaryIndexes: [
            {
              IndexName: 'due',
              KeySchema: [
                { AttributeName: 'DueShard', KeyType: 'HASH' },
                { AttributeName: 'DueAt', KeyType: 'RANGE' },
              ],
              Projection: { ProjectionType: 'KEYS_ONLY' },
            },
          ],
        }),
      );
      await waitForActiveTable(client, name);
      tables.add(name);
    },
    async stop() {
      client.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
