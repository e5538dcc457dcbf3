/**
 * Least privilege, read from the generated policies (Allow and Deny evaluated as IAM does: any Deny wins):
 * scheduled queries read only the tables' data and use the key through S3 only; rule processors cannot write
 * the alert history; the merger writes only large records and dead letters; the staging digest publisher has
 * the topic key through SNS; the scheduled query function has no async retries.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { synthesizeTerraform } from '../../../../cli/terraform/synthesize';
import { loadConfig } from '../../../../runtime/config';
import { confWith, resourcesByType, type Json } from './helpers';

const list = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : [String(v)]);
const glob = (pattern: string, value: string): boolean =>
  new RegExp(`^${pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`).test(value);
const matches = (s: Json, action: string, resource: string): boolean => list(s.Action).some((a) => glob(a, action)) && list(s.Resource).some((r) => glob(r, resource));

/** IAM's decision for one call: allowed by some statement and denied by none. */
function allowed(statements: Json[], action: string, resource: string): boolean {
  if (statements.some((s) => s.Effect === 'Deny' && matches(s, action, resource))) return false;
  return statements.some((s) => s.Effect === 'Allow' && matches(s, action, resource));
}

/** The bundled conf with rule staging and scheduled queries on. */
function conf(): string {
  const dir = confWith((v) => {
    v.global = { ...(v.global ?? {}), rule_staging: { enabled: true } };
    v.clusters.prod.data_sources.kinesis.acme_prod_streamalert.push('streamquery');
  });
  writeFileSync(
    join(dir, 'schemas', 'streamquery.json'),
    JSON.stringify({ 'streamquery:version1': { parser: 'json', schema: { streamquery_schema_version: 'string', execution: {}, data: {} }, configuration: { log_patterns: { streamquery_schema_version: ['1.*.*'] } } } }),
  );
  writeFileSync(
    join(dir, 'scheduled_queries.json'),
    JSON.stringify({
      enabled: true,
      config: { destination_kinesis_stream: 'acme_prod_streamalert' },
      packs: { hourly: { schedule_expression: 'rate(1 hour)' } },
      queries: { q: { pack: 'hourly', query: 'SELECT 1' } },
    }),
  );
  return dir;
}

const config = loadConfig(conf());
const r = resourcesByType(synthesizeTerraform(config).files);
const policy = (name: string): Json[] => {
  const found = r.aws_iam_role_policy[name];
  if (found === undefined) throw new Error(`no policy ${name}: ${Object.keys(r.aws_iam_role_policy).filter((n) => n.includes('promotion') || n.includes('staging')).join(', ')}`);
  return JSON.parse(found.policy).Statement as Json[];
};
const DATA = '${aws_s3_bucket.global_data.arn}';

describe('least privilege of the generated policies', () => {
  it('lets scheduled queries read only the tables of the data bucket and their results, never the rest of it', () => {
    const statements = policy('scheduled_queries_function_run_queries');
    expect(config.global.firehose.log_types).toContain('cloudtrail:events');
    expect(allowed(statements, 's3:GetObject', `${DATA}/cloudtrail_events/dt=2026-01-01-00/part.gz`)).toBe(true);
    expect(allowed(statements, 's3:GetObject', `${DATA}/alerts/history/dt=2026-01-01-00/part.gz`)).toBe(true);
    expect(allowed(statements, 's3:GetObject', `${DATA}/athena-results/q.csv`)).toBe(true);
    for (const other of ['alerts/records/r/a.json', 'alerts/dead-letter/dt=x/r/a.json', 'firehose-errors/x', 'unrelated/key']) {
      expect({ other, allowed: allowed(statements, 's3:GetObject', `${DATA}/${other}`) }).toEqual({ other, allowed: false });
    }
  });

  it('lets scheduled queries use the project key only through S3', () => {
    const kms = policy('scheduled_queries_function_run_queries').filter((s) => list(s.Action).some((a) => a.startsWith('kms:')) && list(s.Resource).some((x) => !x.includes('kinesis')));
    expect(kms.length).toBeGreaterThan(0);
    for (const s of kms) expect(s.Condition?.StringEquals?.['kms:ViaService']).toMatch(/^(s3|kinesis)\.[a-z0-9-]+\.amazonaws\.com$/);
    expect(kms.some((s) => s.Condition.StringEquals['kms:ViaService'] === 's3.us-east-1.amazonaws.com' && list(s.Action).includes('kms:Decrypt'))).toBe(true);
  });

  it('gives the scheduled query function no async retries (a retry would run the pack again)', () => {
    expect(r.aws_lambda_function_event_invoke_config.scheduled_queries_async).toMatchObject({ maximum_retry_attempts: 0, qualifier: 'production' });
  });

  it('lets rule processors write their log types to Firehose but not the alert history stream', () => {
    for (const cluster of ['prod', 'corp']) {
      const statements = policy(`${cluster}_rule_processor_firehose`);
      expect(allowed(statements, 'firehose:PutRecordBatch', 'arn:aws:firehose:us-east-1:123456789012:deliverystream/acme_streamalert_cloudtrail_events')).toBe(true);
      expect(allowed(statements, 'firehose:PutRecordBatch', 'arn:aws:firehose:us-east-1:123456789012:deliverystream/acme_streamalert_alert_delivery')).toBe(false);
    }
  });

  it('lets the merger write only large records and dead letters under alerts/, never the alert history', () => {
    const statements = policy('alert_merger_alert_objects');
    const bucket = 'arn:aws:s3:::acme-streamalert-data';
    expect(allowed(statements, 's3:PutObject', `${bucket}/alerts/records/rule/a.json`)).toBe(true);
    expect(allowed(statements, 's3:GetObject', `${bucket}/alerts/records/rule/a.json`)).toBe(true);
    expect(allowed(statements, 's3:PutObject', `${bucket}/alerts/dead-letter/dt=2026-01-01/rule/a.json`)).toBe(true);
    expect(allowed(statements, 's3:PutObject', `${bucket}/alerts/history/dt=2026-01-01-00/forged.json`)).toBe(false);
    expect(allowed(statements, 's3:GetObject', `${bucket}/alerts/dead-letter/dt=2026-01-01/rule/a.json`)).toBe(false);
  });

  it('lets the staging digest publisher use the topic key through SNS (the topic is KMS-encrypted)', () => {
    const topic = r.aws_sns_topic.rule_staging_digest_topic;
    expect(topic.kms_master_key_id).toBeTruthy();
    const statements = policy('rule_staging_digest_topic');
    expect(allowed(statements, 'sns:Publish', '${aws_sns_topic.rule_staging_digest_topic.arn}')).toBe(true);
    const key = statements.find((s) => list(s.Action).includes('kms:GenerateDataKey'));
    expect(key).toMatchObject({ Resource: topic.kms_master_key_id, Condition: { StringEquals: { 'kms:ViaService': 'sns.us-east-1.amazonaws.com' } } });
  });
});
