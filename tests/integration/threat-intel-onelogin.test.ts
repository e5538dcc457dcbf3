/**
 * Threat intel end to end on StreamAlert's own configuration and example rule: the v3.5.0 sample conf imported
 * (normalized_types.json gives onelogin:events its sourceAddress; threat_intel.json maps sourceAddress to ip),
 * switched on for cluster prod, the IOC table in dynalite, and the community rule onelogin_events_threat_intel_example
 * (disabled in the pack, as in StreamAlert: enabled here) deciding on what the rule processor attached.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BatchWriteItemCommand } from '@aws-sdk/client-dynamodb';
import { loadConfig } from '../../runtime/config';
import { createRuleProcessor } from '../../runtime/handlers';
import { defaultEnrichment } from '../../runtime/handlers/enrichment';
import { createLogger } from '../../runtime/logger';
import { resetDynamoDb } from '../../runtime/lookup-tables';
import { clearRules, createRulesEngine, loadRules, type Alert } from '../../runtime/rules';
import { useLoopbackAws } from '../_helpers/aws-env';
import { importCorpusSample } from '../_helpers/corpus-import';
import { startDynalite, type DynaliteServer } from '../_helpers/dynalite-server';
import { REPO_ROOT } from '../_helpers/paths';
import { describeWithCorpus } from '../_helpers/corpus';

describeWithCorpus('threat-intel-onelogin (reads the StreamAlert corpus)', () => {

  const TABLE = 'acme_iocs';
  const APP = 'prefix_cluster_onelogin-events-app-name_app';
  const RULE_FILE = join(REPO_ROOT, 'rules', 'community', 'onelogin', 'onelogin_events_threat_intel_example');
  const now = Math.floor(Date.now() / 1000);

  const { dir } = importCorpusSample('v3.5.0');
  const intel = JSON.parse(readFileSync(join(dir, 'threat_intel.json'), 'utf8'));
  writeFileSync(join(dir, 'threat_intel.json'), JSON.stringify({ ...intel, enabled: true, clusters: ['prod'], dynamodb_table_name: TABLE }));
  const config = loadConfig(dir);
  // The record of the pack's own fixture for this rule.
  const fixture = JSON.parse(readFileSync(`${RULE_FILE}.json`, 'utf8'))[0].data as Record<string, unknown>;

  let dynalite: DynaliteServer;
  let restoreEnv: () => void;

  async function run(ipaddr: string): Promise<{ alerts: Alert[]; classified: Readonly<Record<string, number>> }> {
    const logger = createLogger({ level: 'error', write: () => undefined });
    const rules = loadRules().map((r) => ({ ...r, disabled: false }));
    const engine = createRulesEngine({ rules, cluster: 'prod', logger });
    const alerts: Alert[] = [];
    const handle = createRuleProcessor({
      config,
      cluster: 'prod',
      logger,
      evaluator: { evaluate: (r) => engine.evaluate(r).map((a) => (alerts.push(a), a)) },
      enrich: defaultEnrichment(config, 'prod', logger, { AWS_LAMBDA_FUNCTION_NAME: 'acme_prod_streamalert_rules' }),
    });
    const record = { ...fixture, created_at: new Date().toISOString(), ipaddr, proxy_ip: '' };
    const result = await handle({ streamalert_app: APP, logs: [JSON.stringify(record)] });
    return { alerts, classified: result.counts.classified };
  }

  beforeAll(async () => {
    clearRules();
    await import(RULE_FILE);
    dynalite = await startDynalite();
    await dynalite.createTable({ TableName: TABLE, AttributeDefinitions: [{ AttributeName: 'ioc_value', AttributeType: 'S' }], KeySchema: [{ AttributeName: 'ioc_value', KeyType: 'HASH' }] });
    const put = (value: string, expires: number) => ({ PutRequest: { Item: { ioc_value: { S: value }, ioc_type: { S: 'ip' }, sub_type: { S: 'mal_ip' }, expiration_ts: { N: String(expires) } } } });
    await dynalite.client.send(new BatchWriteItemCommand({ RequestItems: { [TABLE]: [put('1.1.1.2', now + 3600), put('1.1.1.3', now - 3600), put('10.1.1.1', now + 3600)] } }));
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

  describe('threat intel with the imported StreamAlert v3.5.0 configuration', () => {
    it('attaches streamalert:ioc to a OneLogin event from a listed IP and the threat intel example rule fires', async () => {
      const { alerts, classified } = await run('1.1.1.2');
      expect(classified).toEqual({ 'onelogin:events': 1 });
      expect(alerts.map((a) => a.rule_name)).toEqual(['onelogin_events_threat_intel_example']);
      expect(alerts[0]?.record).toEqual(expect.objectContaining({ ipaddr: '1.1.1.2', 'streamalert:ioc': { ip: ['1.1.1.2'] } }));
    });

    it.each([
      ['an expired indicator', '1.1.1.3'],
      ['an indicator in the excluded 10.0.0.0/8 of threat_intel.json', '10.1.1.1'],
      ['an address the table does not list', '1.1.1.4'],
    ])('does not fire for %s', async (_what, ip) => {
      const { alerts, classified } = await run(ip);
      expect(classified).toEqual({ 'onelogin:events': 1 });
      expect(alerts).toEqual([]);
    });
  });
});
