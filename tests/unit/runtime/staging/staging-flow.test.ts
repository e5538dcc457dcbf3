/**
 * Rule staging end to end on dynalite (a real DynamoDB on 127.0.0.1): `lambda deploy`'s registration stages a
 * new rule, the rule processor (wired from its environment as Terraform sets it) sends that rule's alerts to the
 * staging output only, marked `staged`, and counts them; the promotion function promotes the quiet rule after
 * its period, keeps the noisy one, and publishes the digest to SNS (aws-sdk-client-mock).
 */
import { CreateTableCommand } from '@aws-sdk/client-dynamodb';
import { waitForActiveTable } from '../../../_helpers/dynalite-server';
import { FirehoseClient, PutRecordBatchCommand } from '@aws-sdk/client-firehose';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { createAlertStore, resetDynamoClient } from '../../../../runtime/alerts';
import { loadConfig, type Config } from '../../../../runtime/config';
import { silentLogger } from '../../../../runtime/logger';
import type { Alert } from '../../../../runtime/rules';
import { createRulesTable, type RulesTable } from '../../../../runtime/staging';
import { registerNewRules } from '../../../../cli/staging/sync';
import { useLoopbackAws } from '../../../_helpers/aws-env';
import { startDynalite, type Dynalite } from '../../../_helpers/dynalite';
import { DEFAULT_CONF_DIR } from '../../../_helpers/paths';
import { kinesisEvent } from '../classifier/payloads/_events';
import { osquery } from '../handlers/_records';

const base = loadConfig(DEFAULT_CONF_DIR);
const config: Config = { ...base, global: { ...base.global, rule_staging: { ...base.global.rule_staging, enabled: true, staged_hours: 48, max_alerts: 10 } } };
jest.mock('streamalert:config', () => ({ __esModule: true, default: { config, cluster: 'prod' } }), { virtual: true });
jest.mock('streamalert:rules', () => ({}), { virtual: true });

import * as ruleEntry from '../../../../runtime/handlers/rule-processor-entry';
import * as mergerEntry from '../../../../runtime/handlers/alert-merger-entry';
import * as processorEntry from '../../../../runtime/handlers/alert-processor-entry';
import * as promotionEntry from '../../../../runtime/handlers/rule-promotion-entry';

const RULES = 'acme_streamalert_rules';
const DEPLOYED_AT = new Date('2026-01-01T00:00:00Z');
let db: Dynalite;
let table: RulesTable;
let restoreEnv: () => void;
const s3 = mockClient(S3Client);
const firehose = mockClient(FirehoseClient);
const sns = mockClient(SNSClient);

beforeAll(async () => {
  db = await startDynalite();
  await db.createAlertsTable('acme_streamalert_alerts');
  await db.client.send(
    new CreateTableCommand({
      TableName: RULES,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [{ AttributeName: 'RuleName', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'RuleName', KeyType: 'HASH' }],
    }),
  );
  await waitForActiveTable(db.client, RULES);
  table = createRulesTable({ table: RULES, dynamo: db.handle });
  restoreEnv = useLoopbackAws('http://127.0.0.1:9', {
    AWS_ENDPOINT_URL_DYNAMODB: db.endpoint,
    AWS_LAMBDA_FUNCTION_NAME: 'acme_prod_streamalert_rules',
    ALERTS_TABLE: 'acme_streamalert_alerts',
    ALERT_PROCESSOR_FUNCTION: 'acme_streamalert_alert_processor:production',
    OUTPUTS_SSM_PREFIX: '/acme/streamalert/outputs',
    RULES_TABLE: RULES,
    STAGING_DIGEST_TOPIC: 'arn:aws:sns:us-east-1:123456789012:acme_streamalert_rule_staging_digest',
  });
  resetDynamoClient();
  s3.on(PutObjectCommand).resolves({});
  firehose.on(PutRecordBatchCommand).resolves({ FailedPutCount: 0, RequestResponses: [{ RecordId: 'r' }] });
  sns.on(PublishCommand).resolves({ MessageId: 'm-1' });
});
afterAll(async () => {
  restoreEnv();
  resetDynamoClient();
  s3.restore();
  firehose.restore();
  sns.restore();
  await db.stop();
});

/** Each record gives one alert per rule named in the record's host (`quiet_rule+noisy_rule-3`). */
const evaluator = {
  evaluate: (r: { record: Record<string, unknown> }): Alert[] => {
    const host = String(r.record.hostIdentifier);
    return host.split('-')[0].split('+').map((rule) => ({
      alert_id: `${rule}-${host}`, rule_name: rule, rule_description: '', severity: 'high', title: 't', log_type: 'osquery:differential',
      log_source: { service: 'kinesis', resource: 'acme_prod_streamalert' }, cluster: 'prod', record: { host }, context: {},
      outputs: ['aws-s3:alert-archive'], merge_by_keys: [], merge_window_mins: 0, created: new Date().toISOString(),
    }));
  },
};

/** Runs the rule processor on records with these hosts, then the merger and the processor until the table is empty. */
async function deliver(hosts: readonly string[]): Promise<void> {
  const rules = ruleEntry.createHandler({ logger: silentLogger, evaluator: evaluator as never });
  await rules(kinesisEvent('acme_prod_streamalert', ...hosts.map((h) => JSON.stringify(osquery(h)))));
  const processor = processorEntry.createHandler({ logger: silentLogger });
  const payloads: string[] = [];
  await mergerEntry.createHandler({ logger: silentLogger, invoke: async (payload) => void payloads.push(payload) })();
  for (const payload of payloads) await processor(JSON.parse(payload));
}

const archived = () => s3.commandCalls(PutObjectCommand).filter((c) => c.args[0].input.Bucket === 'acme-streamalert-alert-archive').map((c) => c.args[0].input.Key ?? '');
const staged = () =>
  firehose
    .commandCalls(PutRecordBatchCommand)
    .filter((c) => c.args[0].input.DeliveryStreamName === 'acme_streamalert_alert_delivery')
    .flatMap((c) => c.args[0].input.Records!.map((r) => JSON.parse(Buffer.from(r.Data!).toString()) as { rule_name: string; staged: boolean; outputs: string[] }));

describe('rule staging on dynalite', () => {
  it('stages the new rules on deploy, leaves known rules alone and registers an opted-out rule as promoted', async () => {
    const first = await registerNewRules(table, [{ name: 'quiet_rule', staged: true }, { name: 'noisy_rule', staged: true }, { name: 'trusted_rule', staged: false }], 48, DEPLOYED_AT);
    expect(first).toEqual({ staged: ['quiet_rule', 'noisy_rule'], unstaged: ['trusted_rule'], existing: 0 });
    const again = await registerNewRules(table, [{ name: 'quiet_rule', staged: true }], 48, new Date('2026-01-05T00:00:00Z'));
    expect(again).toEqual({ staged: [], unstaged: [], existing: 1 });
    expect(await table.get('quiet_rule')).toEqual({ rule_name: 'quiet_rule', staged: true, staged_at: '2026-01-01T00:00:00.000Z', staged_until: '2026-01-03T00:00:00.000Z', alert_count: 0 });
    expect(await table.get('trusted_rule')).toEqual({ rule_name: 'trusted_rule', staged: false, alert_count: 0 });
  });

  it('routes alerts of staged rules to the staging output only, marked staged, and counts them', async () => {
    const hosts = ['quiet_rule+noisy_rule+trusted_rule-0', ...Array.from({ length: 11 }, (_, i) => `noisy_rule-${i + 1}`)];
    await deliver(hosts);
    // Only the promoted rule reached its own output (the archive bucket).
    expect(archived()).toHaveLength(1);
    expect(archived()[0]).toContain('trusted_rule');
    const sent = staged();
    expect(sent.filter((a) => a.rule_name === 'quiet_rule')).toHaveLength(1);
    expect(sent.filter((a) => a.rule_name === 'noisy_rule')).toHaveLength(12);
    expect(sent.filter((a) => a.rule_name === 'trusted_rule')).toEqual([]);
    expect(new Set(sent.map((a) => `${a.staged} ${a.outputs.join(',')}`))).toEqual(new Set(['true aws-firehose:alerts']));
    expect((await table.get('quiet_rule'))?.alert_count).toBe(1);
    expect((await table.get('noisy_rule'))?.alert_count).toBe(12);
    expect((await table.get('trusted_rule'))?.alert_count).toBe(0);
    const store = createAlertStore({ table: 'acme_streamalert_alerts', ttlDays: 30, dynamo: db.handle });
    expect((await store.dueKeys(new Date('2100-01-01T00:00:00Z'), { limit: 100 })).keys).toEqual([]);
  });

  it('decides nothing and sends nothing while the period runs', async () => {
    const run = promotionEntry.createHandler({ logger: silentLogger, now: () => new Date('2026-01-02T23:00:00Z') });
    const result = await run();
    expect(result.decisions).toEqual([]);
    expect(result.still_staged.map((s) => s.rule_name)).toEqual(['noisy_rule', 'quiet_rule']);
    expect(sns.commandCalls(PublishCommand)).toHaveLength(0);
  });

  it('promotes the quiet rule after its period, keeps the noisy one for another period and sends the digest', async () => {
    const run = promotionEntry.createHandler({ logger: silentLogger, now: () => new Date('2026-01-03T00:30:00Z') });
    const result = await run();
    expect(result.decisions).toEqual([
      { rule_name: 'noisy_rule', alert_count: 12, decision: 'kept', staged_until: '2026-01-05T00:30:00.000Z' },
      { rule_name: 'quiet_rule', alert_count: 1, decision: 'promoted' },
    ]);
    const calls = sns.commandCalls(PublishCommand);
    expect(calls).toHaveLength(1);
    const input = calls[0].args[0].input;
    expect(input.TopicArn).toBe('arn:aws:sns:us-east-1:123456789012:acme_streamalert_rule_staging_digest');
    expect(input.Subject).toBe('StreamAlert rule staging: 1 promoted, 1 kept');
    expect(input.Message).toContain('promoted  quiet_rule: 1 alerts while staged');
    expect(input.Message).toContain('kept      noisy_rule: 12 alerts while staged; staged until 2026-01-05T00:30:00.000Z');
    expect(await table.get('quiet_rule')).toMatchObject({ staged: false, last_promoted: '2026-01-03T00:30:00.000Z' });
    expect(await table.get('noisy_rule')).toMatchObject({ staged: true, alert_count: 0, staged_until: '2026-01-05T00:30:00.000Z' });
  });

  it('delivers a promoted rule to its own outputs afterwards', async () => {
    const before = archived().length;
    await deliver(['quiet_rule-after']);
    expect(archived().length).toBe(before + 1);
    expect(archived()[before]).toContain('quiet_rule');
    expect((await table.get('quiet_rule'))?.alert_count).toBe(1);
  });
});
