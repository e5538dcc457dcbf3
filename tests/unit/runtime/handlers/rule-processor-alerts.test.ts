import { DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
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

  it('stores none of the alerts of a batch retried after they were delivered: their tombstones refuse the write', async () => {
    await db.createAlertsTable('rp_retried');
    const store = createAlertStore({ table: 'rp_retried', ttlDays: 30, dynamo: db.handle });
    const sink = createTableAlertSink(store);
    const handle = createRuleProcessor({ config, cluster: 'prod', evaluator: engine, alerts: sink, logger: silentLogger });
    const event = eventOf(5);
    await handle(event);
    const due = (await store.dueKeys(new Date('2100-01-01T00:00:00Z'), { limit: 10 })).keys;
    expect(due).toHaveLength(5);
    // Delivered and finished by the processor (three of them), merged (the other two).
    for (const key of due.slice(0, 3)) expect(await store.tombstone(key, 'delivered', new Date())).toBe(true);
    await store.tombstoneMany(due.slice(3), 'merged', new Date());
    // Lambda hands the rule processor the same batch again (a Kinesis retry after a late failure).
    await handle(event);
    expect(sink.stats()).toMatchObject({ added: 10, written: 5, existing: 5 });
    expect((await store.dueKeys(new Date('2100-01-01T00:00:00Z'), { limit: 10 })).keys).toEqual([]);
    expect((await store.query('every_osquery_record', { limit: 10 })).alerts).toEqual([]);
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
  });
  afterAll(() => ddb.restore());

  it('fails the invocation when the table is unavailable, and a retry of the batch leaves exactly one item per alert', async () => {
    const table = new Map<string, unknown>();
    let down = true;
    ddb.on(PutItemCommand).callsFake((input: { Item: { AlertID: { S: string } }; ConditionExpression?: string }) => {
      const id = input.Item.AlertID.S;
      // The table takes 25 alerts, then goes away: the invocation must fail.
      if (down && table.size >= 25) {
        down = false;
        throw Object.assign(new Error('Service unavailable'), { name: 'ServiceUnavailable' });
      }
      if (table.has(id)) throw Object.assign(new Error('exists'), { name: 'ConditionalCheckFailedException' });
      table.set(id, input.Item);
      return {};
    });
    const handle = processorOn(store);
    await expect(handle(eventOf(40))).rejects.toThrow(/PutItem on table alerts failed: Service unavailable/);
    const retry = await handle(eventOf(40));
    expect(retry.counts.alerts).toBe(40);
    expect(table.size).toBe(40);
    // Every write is conditional: none may overwrite an alert or a tombstone.
    expect(ddb.commandCalls(PutItemCommand).every((c) => c.args[0].input.ConditionExpression === 'attribute_not_exists(AlertID)')).toBe(true);
  });
});
