/**
 * The three entry points wired from the environment as Terraform sets it (ALERTS_TABLE, ALERT_PROCESSOR_FUNCTION,
 * OUTPUTS_SSM_PREFIX, inside Lambda): rule processor -> table (dynalite) -> merger -> processor -> aws-s3 and
 * aws-firehose outputs (aws-sdk-client-mock), the table empty at the end.
 */
import { FirehoseClient, PutRecordBatchCommand } from '@aws-sdk/client-firehose';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { createAlertStore, resetDynamoClient } from '../../../../runtime/alerts';
import { loadConfig } from '../../../../runtime/config';
import { silentLogger } from '../../../../runtime/logger';
import { useLoopbackAws } from '../../../_helpers/aws-env';
import { startDynalite, type Dynalite } from '../../../_helpers/dynalite';
import { DEFAULT_CONF_DIR } from '../../../_helpers/paths';
import { kinesisEvent } from '../classifier/payloads/_events';
import { osquery } from './_records';

jest.mock('streamalert:config', () => ({ __esModule: true, default: { config: loadConfig(DEFAULT_CONF_DIR), cluster: 'prod' } }), { virtual: true });
jest.mock('streamalert:rules', () => ({}), { virtual: true });

import * as ruleEntry from '../../../../runtime/handlers/rule-processor-entry';
import * as mergerEntry from '../../../../runtime/handlers/alert-merger-entry';
import * as processorEntry from '../../../../runtime/handlers/alert-processor-entry';

let db: Dynalite;
let restoreEnv: () => void;
const s3 = mockClient(S3Client);
const firehose = mockClient(FirehoseClient);

beforeAll(async () => {
  db = await startDynalite();
  await db.createAlertsTable('acme_streamalert_alerts');
  restoreEnv = useLoopbackAws('http://127.0.0.1:9', {
    AWS_ENDPOINT_URL_DYNAMODB: db.endpoint,
    AWS_LAMBDA_FUNCTION_NAME: 'acme_prod_streamalert_rules',
    ALERTS_TABLE: 'acme_streamalert_alerts',
    ALERT_PROCESSOR_FUNCTION: 'acme_streamalert_alert_processor:production',
    OUTPUTS_SSM_PREFIX: '/acme/streamalert/outputs',
  });
  resetDynamoClient();
});
afterAll(async () => {
  restoreEnv();
  resetDynamoClient();
  s3.restore();
  firehose.restore();
  await db.stop();
});

describe('alert entry points wired from the environment', () => {
  it('stores the rule processor alerts, dispatches them, delivers to every output and empties the table', async () => {
    s3.on(PutObjectCommand).resolves({});
    firehose.on(PutRecordBatchCommand).resolves({ FailedPutCount: 0, RequestResponses: [{ RecordId: 'r' }] });
    const alert = (host: string) => ({
      alert_id: `id-${host}`, rule_name: 'entry_rule', rule_description: '', severity: 'high', title: 't', log_type: 'osquery:differential',
      log_source: { service: 'kinesis', resource: 'acme_prod_streamalert' }, cluster: 'prod', record: { host }, context: {},
      outputs: ['aws-s3:alert-archive', 'aws-firehose:alerts'], merge_by_keys: [], merge_window_mins: 0, created: new Date().toISOString(),
    });
    const rules = ruleEntry.createHandler({ logger: silentLogger, evaluator: { evaluate: (r) => [alert(String(r.record.hostIdentifier))] } });
    await rules(kinesisEvent('acme_prod_streamalert', JSON.stringify(osquery('h1')), JSON.stringify(osquery('h2'))));

    const store = createAlertStore({ table: 'acme_streamalert_alerts', ttlDays: 30, dynamo: db.handle });
    expect((await store.query('entry_rule', { limit: 10 })).alerts.map((a) => a.alert.alert_id).sort()).toEqual(['id-h1', 'id-h2']);

    const processor = processorEntry.createHandler({ logger: silentLogger });
    const payloads: string[] = [];
    const merger = mergerEntry.createHandler({ logger: silentLogger, invoke: async (payload) => void payloads.push(payload) });
    expect(await merger()).toMatchObject({ dispatched: 2, dead_lettered: 0 });
    for (const payload of payloads) await processor(JSON.parse(payload));

    expect(s3.commandCalls(PutObjectCommand).map((c) => c.args[0].input.Bucket)).toEqual(['acme-streamalert-alert-archive', 'acme-streamalert-alert-archive']);
    // (The rule processor also forwarded the classified records to their log type's stream, in Lambda.)
    const toAlertStream = firehose.commandCalls(PutRecordBatchCommand).filter((c) => c.args[0].input.DeliveryStreamName === 'acme_streamalert_alert_delivery');
    expect(toAlertStream.map((c) => JSON.parse(Buffer.from(c.args[0].input.Records![0].Data!).toString()).id).sort()).toEqual(['id-h1', 'id-h2']);
    expect((await store.query('entry_rule', { limit: 10 })).alerts).toEqual([]);
  });

  it('fails the merger clearly when the processor function is not named', async () => {
    const saved = process.env.ALERT_PROCESSOR_FUNCTION;
    delete process.env.ALERT_PROCESSOR_FUNCTION;
    try {
      await expect(mergerEntry.createHandler({ logger: silentLogger })()).rejects.toThrow(/ALERT_PROCESSOR_FUNCTION is not set/);
    } finally {
      process.env.ALERT_PROCESSOR_FUNCTION = saved;
    }
  });
});
