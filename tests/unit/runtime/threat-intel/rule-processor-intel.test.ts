import { BatchWriteItemCommand } from '@aws-sdk/client-dynamodb';
import { loadConfig, type Config } from '../../../../runtime/config';
import { createRuleProcessor } from '../../../../runtime/handlers';
import { defaultEnrichment } from '../../../../runtime/handlers/enrichment';
import { createLogger } from '../../../../runtime/logger';
import { resetDynamoDb } from '../../../../runtime/lookup-tables';
import { clearRules, createRulesEngine, loadRules, rule, threatIntelMatches, type Alert } from '../../../../runtime/rules';
import { IOC_KEY } from '../../../../runtime/threat-intel';
import { useLoopbackAws } from '../../../_helpers/aws-env';
import { DEAD_ENDPOINT, startDynalite, type DynaliteServer } from '../../../_helpers/dynalite-server';
import { DEFAULT_CONF_DIR } from '../../../_helpers/paths';
import { memoryGetter, s3Notification } from '../classifier/payloads/_events';
import { cloudtrailEvent } from '../handlers/_records';

const BUCKET = 'acme.prod.cloudtrail';
const TABLE = 'acme_streamalert_threat_intel_downloader';
const NOW = Math.floor(Date.now() / 1000);
const base = loadConfig(DEFAULT_CONF_DIR);
const config: Config = {
  ...base,
  threat_intel: {
    ...base.threat_intel,
    enabled: true,
    table: TABLE,
    clusters: ['prod'],
    normalized_ioc_types: { ip: ['source_address'] },
    excluded_iocs: { ip: ['10.0.0.0/8'] },
  },
};

let dynalite: DynaliteServer;
let restoreEnv: () => void;

function event(ip: string) {
  return { ...cloudtrailEvent('ConsoleLogin'), sourceIPAddress: ip };
}

/** The rule processor with threat intel as deployed (Lambda environment), the example rule, and its log lines. */
function processor(records: Record<string, unknown>[]) {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger({ level: 'debug', write: (line) => lines.push(JSON.parse(line) as Record<string, unknown>) });
  const alerts: Alert[] = [];
  const engine = createRulesEngine({ rules: loadRules(), cluster: 'prod', logger });
  const handle = createRuleProcessor({
    config,
    cluster: 'prod',
    logger,
    getObject: memoryGetter({ [`${BUCKET}/ct.json`]: JSON.stringify({ Records: records }) }),
    evaluator: { evaluate: (r) => engine.evaluate(r).map((a) => (alerts.push(a), a)) },
    enrich: defaultEnrichment(config, 'prod', logger, { AWS_LAMBDA_FUNCTION_NAME: 'acme_prod_streamalert_rules' }),
  });
  return { run: () => handle(s3Notification(BUCKET, 'ct.json')), lines, alerts };
}

beforeAll(async () => {
  clearRules();
  // The shape of StreamAlert's onelogin_events_threat_intel_example, on CloudTrail.
  rule({ logs: ['cloudtrail:events'], outputs: ['aws-firehose:alerts'] })(function cloudtrail_threat_intel_example(rec) {
    return 'ip' in threatIntelMatches(rec);
  });
  dynalite = await startDynalite();
  await dynalite.createTable({
    TableName: TABLE,
    AttributeDefinitions: [{ AttributeName: 'ioc_value', AttributeType: 'S' }],
    KeySchema: [{ AttributeName: 'ioc_value', KeyType: 'HASH' }],
  });
  const ioc = (value: string, expires: number) => ({
    PutRequest: { Item: { ioc_value: { S: value }, ioc_type: { S: 'ip' }, sub_type: { S: 'mal_ip' }, source: { S: 'test feed' }, expiration_ts: { N: String(expires) } } },
  });
  await dynalite.client.send(
    new BatchWriteItemCommand({ RequestItems: { [TABLE]: [ioc('203.0.113.66', NOW + 86_400), ioc('203.0.113.99', NOW - 60), ioc('10.1.2.3', NOW + 86_400)] } }),
  );
});

afterAll(async () => {
  clearRules();
  await dynalite.close();
});

beforeEach(() => {
  restoreEnv = useLoopbackAws(dynalite.endpoint);
  resetDynamoDb();
});

afterEach(() => restoreEnv());

describe('threat intel in the rule processor (IOC table in dynalite)', () => {
  it('attaches streamalert:ioc to a record whose IP is in the table, and the threat intel rule fires', async () => {
    const { run, alerts } = processor([event('203.0.113.66'), event('198.51.100.7')]);
    const result = await run();
    expect(result.counts).toEqual(expect.objectContaining({ classified: { 'cloudtrail:events': 2 }, alerts: 1 }));
    expect(alerts).toHaveLength(1);
    expect(alerts[0]?.rule_name).toBe('cloudtrail_threat_intel_example');
    expect(alerts[0]?.record).toEqual(expect.objectContaining({ sourceIPAddress: '203.0.113.66', [IOC_KEY]: { ip: ['203.0.113.66'] } }));
  });

  it.each([
    ['an expired indicator', '203.0.113.99'],
    ['an indicator inside an excluded CIDR', '10.1.2.3'],
    ['a value that is not an IP address', 'ec2.amazonaws.com'],
  ])('does not match %s', async (_what, ip) => {
    const { run, alerts } = processor([event(ip)]);
    const result = await run();
    expect(result.counts.classified).toEqual({ 'cloudtrail:events': 1 });
    expect(alerts).toEqual([]);
  });

  it('logs a lookup failure and goes on with the batch without intel', async () => {
    restoreEnv();
    restoreEnv = useLoopbackAws(DEAD_ENDPOINT);
    resetDynamoDb();
    const { run, alerts, lines } = processor([event('203.0.113.66')]);
    const result = await run();
    expect(result.counts).toEqual(expect.objectContaining({ classified: { 'cloudtrail:events': 1 }, alerts: 0, evaluation_errors: 0 }));
    expect(alerts).toEqual([]);
    expect(lines).toContainEqual(expect.objectContaining({ level: 'ERROR', message: expect.stringContaining('threat intel lookup failed'), values: 1 }));
  });

  it('matches nothing for a cluster that threat_intel.json does not list', () => {
    expect(defaultEnrichment({ ...config, threat_intel: { ...config.threat_intel, clusters: [] } }, 'prod', createLogger(), { AWS_LAMBDA_FUNCTION_NAME: 'f' })).toBeUndefined();
  });
});
