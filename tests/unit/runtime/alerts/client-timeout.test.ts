/** The alerts-table client gives up on a stalled request instead of holding the function until its timeout. */
import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { createAlertStore } from '../../../../runtime/alerts';
import { ALERTS_TABLE_REQUEST_TIMEOUT_MS, dynamoClient, resetDynamoClient } from '../../../../runtime/alerts/client';
import { useLoopbackAws } from '../../../_helpers/aws-env';

let server: Server;
const sockets: Socket[] = [];
let restoreEnv: () => void;

beforeAll(async () => {
  // Accepts connections and never answers: a stalled DynamoDB connection.
  server = createServer((socket) => void sockets.push(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  restoreEnv = useLoopbackAws(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  resetDynamoClient();
});
afterAll(async () => {
  restoreEnv();
  resetDynamoClient();
  sockets.forEach((s) => s.destroy());
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('the alerts table client', () => {
  it('sets a request timeout by default, shorter than any alert function', () => {
    expect(ALERTS_TABLE_REQUEST_TIMEOUT_MS).toBeGreaterThan(0);
    expect(ALERTS_TABLE_REQUEST_TIMEOUT_MS).toBeLessThan(60_000);
  });

  it('fails a stalled request with a timeout error (the caller records or retries it) instead of waiting forever', async () => {
    const store = createAlertStore({ table: 'alerts', ttlDays: 1, dynamo: () => dynamoClient(undefined, { requestMs: 200, connectMs: 200 }) });
    const error = await store.get({ rule_name: 'r', alert_id: 'a' }).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(error).toBeInstanceOf(Error);
    expect(String((error as Error).message)).toMatch(/GetItem on table alerts failed: .*(timeout|timed out|Timeout)/i);
    expect(sockets.length).toBeGreaterThan(0);
  });
});
