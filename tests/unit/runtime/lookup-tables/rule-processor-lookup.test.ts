import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { loadConfig, type Config } from '../../../../runtime/config';
import { createRuleProcessor } from '../../../../runtime/handlers';
import { defaultEnrichment } from '../../../../runtime/handlers/enrichment';
import { createLogger } from '../../../../runtime/logger';
import { resetDynamoDb } from '../../../../runtime/lookup-tables';
import { clearRules, createRulesEngine, loadRules, lookupTable, rule, type Alert } from '../../../../runtime/rules';
import { useLoopbackAws } from '../../../_helpers/aws-env';
import { DEAD_ENDPOINT, startDynalite, type DynaliteServer } from '../../../_helpers/dynalite-server';
import { DEFAULT_CONF_DIR } from '../../../_helpers/paths';
import { memoryGetter, s3Notification } from '../classifier/payloads/_events';
import { cloudtrailEvent } from '../handlers/_records';

const BUCKET = 'acme.prod.cloudtrail';
const base = loadConfig(DEFAULT_CONF_DIR);
const config: Config = {
  ...base,
  lookup_tables: {
    enabled: true,
    tables: {
      events: { driver: 'dynamodb', table: 'watched_events', partition_key: 'pk', value_key: 'value', key_delimiter: ':', consistent_read: false, cache_maximum_key_count: 1000, cache_refresh_minutes: 5 },
    },
  },
};
let dynalite: DynaliteServer;
let restoreEnv: () => void;

/** The rule processor as deployed (lookup tables refreshed between chunks) with a rule reading the table. */
function processor() {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger({ level: 'debug', write: (line) => lines.push(JSON.parse(line) as Record<string, unknown>) });
  const engine = createRulesEngine({ rules: loadRules(), cluster: 'prod', logger });
  const alerts: Alert[] = [];
  const handle = createRuleProcessor({
    config,
    cluster: 'prod',
    logger,
    getObject: memoryGetter({ [`${BUCKET}/ct.json`]: JSON.stringify({ Records: [cloudtrailEvent('DeleteTrail'), cloudtrailEvent('ListUsers')] }) }),
    evaluator: { evaluate: (r) => engine.evaluate(r).map((a) => (alerts.push(a), a)) },
    enrich: defaultEnrichment(config, 'prod', logger, { AWS_LAMBDA_FUNCTION_NAME: 'acme_prod_streamalert_rules' }),
  });
  return { run: () => handle(s3Notification(BUCKET, 'ct.json')), alerts, lines };
}

beforeAll(async () => {
  clearRules();
  rule({ logs: ['cloudtrail:events'], outputs: ['aws-firehose:alerts'] })(function watched_event(rec) {
    return lookupTable<readonly string[]>('events', 'watched', ['ListUsers']).includes(String(rec.eventName));
  });
  dynalite = await startDynalite();
  await dynalite.createTable({ TableName: 'watched_events', AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }], KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }] });
  await dynalite.client.send(new PutItemCommand({ TableName: 'watched_events', Item: { pk: { S: 'watched' }, value: { L: [{ S: 'DeleteTrail' }] } } }));
});

afterAll(async () => {
  clearRules();
  await dynalite.close();
});

afterEach(() => restoreEnv());

describe('lookup tables in the rule processor', () => {
  it('loads the DynamoDB table before the rules run, so a rule reads its value', async () => {
    restoreEnv = useLoopbackAws(dynalite.endpoint);
    resetDynamoDb();
    const { run, alerts } = processor();
    await run();
    expect(alerts.map((a) => a.record.eventName)).toEqual(['DeleteTrail']);
  });

  it('with the store down, logs the failure and the rule reads its default; the batch goes on', async () => {
    restoreEnv = useLoopbackAws(DEAD_ENDPOINT);
    resetDynamoDb();
    const { run, alerts, lines } = processor();
    const result = await run();
    expect(result.counts).toEqual(expect.objectContaining({ classified: { 'cloudtrail:events': 2 }, evaluation_errors: 0 }));
    expect(alerts.map((a) => a.record.eventName)).toEqual(['ListUsers']);
    expect(lines).toContainEqual(expect.objectContaining({ level: 'ERROR', table: 'events', from: 'dynamodb://watched_events' }));
  });
});
