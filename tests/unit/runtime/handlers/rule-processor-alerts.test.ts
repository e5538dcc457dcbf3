import { BatchGetItemCommand, BatchWriteItemCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { mockClient, type AwsClientStub } from 'aws-sdk-client-mock';
import { createAlertStore, createTableAlertSink, resetDynamoClient, type AlertStore } from '../../../../runtime/alerts';
import * as sdk from '../../../../runtime/lookup-tables/dynamodb-sdk.lazy';
import { loadConfig, type Config } from '../../../../runtime/config';
import { createRuleProcessor } from '../../../../runtime/handlers';
import { silentLogger } from '../../../../runtime/logger';
import { createRulesEngine, rule, clearRules, loadRules } from '../../../../runtime/rules';
import { startDynalite, type Dynalite } from '../../../_helpers/dynalite';
import { DEFAULT_CONF_DIR } from '../../../_helpers/paths';
import { kinesisEvent } from '../classifier/payloads/_events';
import { osquery } from './_records';

const config: Config = loadConfig(DEFAULT_CONF_DIR);
const PROD_STREAM = 'acme_prod_streamalert';
const noSleep = async (): Promise<void> => undefined;

clearRules();
rule({ logs: ['osquery:differential'], outputs: ['aws-sns:topic'] })(function every_osquery_record() {
  return true;
});
const engine = createRulesEngine({ rules: loadRules(), cluster: 'prod' });

/** A Kinesis event of `n` distinct osquery records (each one alert). */
const eventOf = (n: number): unknown => kinesisEvent(PROD_STREAM, ...Array.from({ length: n }, (_, i) => JSON.stringify(osquery(`host-${i}`))));

function processorOn(store: AlertStore) {
  return createRuleProcessor({ config, cluster: 'prod', evaluator: engine, alerts: createTableAlertSink(store), logger: silentLogger });
}

describe('rule processor alerts on dynalite', () => {
  let db: Dynalite;
  beforeAll(async () => {
    db = await startDynalite();
  });
  afterAll(() => db.stop());

  it('stores every alert of an invocation in the table before it returns', async () => {
    await db.createAlertsTable('rp_alerts');
    const store = createAlertStore({ table: 'rp_alerts', ttlDays: 30, dynamo: db.handle });
    const result = await processorOn(store)(eventOf(130));
    expect(result.counts.alerts).toBe(130);
    const ids = new Set<string>();
    let start;
    do {
      const page = await store.query('every_osquery_record', { limit: 100, start });
      page.alerts.forEach((a) => ids.add(a.alert.alert_id));
      start = page.next;
    } while (start !== undefined);
    expect(ids.size).toBe(130);
  });
});

describe('rule processor alerts when the table misbehaves', () => {
  // Mocked only here: the dynalite tests above use the real client.
  let ddb: AwsClientStub<DynamoDBClient>;
  beforeAll(() => {
    ddb = mockClient(DynamoDBClient);
  });
  const client = new DynamoDBClient({ region: 'us-east-1', credentials: { accessKeyId: 't', secretAccessKey: 't' } });
  const store = createAlertStore({ table: 'alerts', ttlDays: 30, dynamo: async () => ({ sdk, client }), sleep: noSleep });
  beforeEach(() => {
    ddb.reset();
    resetDynamoClient();
    ddb.on(BatchGetItemCommand).resolves({ Responses: { alerts: [] } });
  });
  afterAll(() => ddb.restore());

  it('retries the items BatchWriteItem leaves unprocessed, then succeeds', async () => {
    const written: string[] = [];
    let calls = 0;
    ddb.on(BatchWriteItemCommand).callsFake((input) => {
      calls += 1;
      const requests = input.RequestItems.alerts as { PutRequest: { Item: { AlertID: { S: string } } } }[];
      // The first call of each chunk leaves its last two items unprocessed.
      const keep = calls % 2 === 1 ? requests.slice(0, -2) : requests;
      written.push(...keep.map((r) => r.PutRequest.Item.AlertID.S));
      return { UnprocessedItems: calls % 2 === 1 ? { alerts: requests.slice(-2) } : {} };
    });
    const result = await processorOn(store)(eventOf(30));
    expect(result.counts.alerts).toBe(30);
    expect(calls).toBe(4);
    expect(written).toHaveLength(30);
    expect(new Set(written).size).toBe(30);
  });

  it('fails the invocation when items stay unprocessed after every retry', async () => {
    ddb.on(BatchWriteItemCommand).callsFake((input) => ({ UnprocessedItems: input.RequestItems }));
    await expect(processorOn(store)(eventOf(3))).rejects.toThrow(/still unprocessed by table alerts after 8 BatchWriteItem calls/);
  });

  it('fails the invocation when the table is unavailable, and a retry of the batch leaves exactly one item per alert', async () => {
    const table = new Map<string, unknown>();
    let down = true;
    ddb.on(BatchGetItemCommand).callsFake((input) => {
      const keys = input.RequestItems.alerts.Keys as { RuleName: { S: string }; AlertID: { S: string } }[];
      return { Responses: { alerts: keys.filter((k) => table.has(k.AlertID.S)) } };
    });
    ddb.on(BatchWriteItemCommand).callsFake((input) => {
      const requests = input.RequestItems.alerts as { PutRequest: { Item: { AlertID: { S: string } } } }[];
      // The table takes the first chunk, then goes away: the invocation must fail.
      for (const r of requests) table.set(r.PutRequest.Item.AlertID.S, r.PutRequest.Item);
      if (down && table.size > 25) {
        down = false;
        throw Object.assign(new Error('Service unavailable'), { name: 'ServiceUnavailable' });
      }
      return { UnprocessedItems: {} };
    });
    const handle = processorOn(store);
    await expect(handle(eventOf(40))).rejects.toThrow(/BatchWriteItem on table alerts failed: Service unavailable/);
    const retry = await handle(eventOf(40));
    expect(retry.counts.alerts).toBe(40);
    expect(table.size).toBe(40);
  });
});
