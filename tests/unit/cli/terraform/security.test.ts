/**
 * Security properties of everything generated, checked on a configuration that switches every
 * module on (the bundled one plus the options it leaves off).
 */
import { declared, list, resourcesOf, statements, synthWith, INTEL_FILES, type Json } from './helpers';

const everything = synthWith((v) => {
  v.clusters.prod.modules.kinesis.streams.create_user = true;
  v.clusters.prod.modules.kinesis.streams.create_writer_role = true;
  v.clusters.prod.modules.cloudwatch_logs.cross_account_ids = ['210987654321'];
  v.clusters.prod.modules.cloudwatch_logs.regions = ['us-east-1', 'us-east-2'];
  v.clusters.prod.modules.flow_logs = { vpcs: ['vpc-1234'] };
  v.clusters.corp.modules.cloudtrail = { send_to_kinesis: true };
  // Scheduled queries read from the prod stream (their schema is added below).
  v.clusters.prod.data_sources.kinesis.acme_prod_streamalert.push('streamquery');
  v.global = { ...(v.global ?? {}), rule_staging: { enabled: true } };
}, {
  ...INTEL_FILES,
  'schemas/streamquery.json': { 'streamquery:version1': { parser: 'json', schema: { streamquery_schema_version: 'string', execution: {}, data: {} } } },
  'scheduled_queries.json': {
    enabled: true,
    config: { destination_kinesis_stream: 'acme_prod_streamalert' },
    packs: { hourly: { schedule_expression: 'rate(1 hour)' } },
    queries: { q: { pack: 'hourly', query: "SELECT 1 WHERE dt = '{utcdatehour}'" } },
  },
  // Every AWS output, so that the alert processor's output policy is checked too.
  'outputs.json': {
    'aws-s3': { archive: 'acme-alert-archive' },
    'aws-sns': { page: 'acme-pages' },
    'aws-sqs': { queue: 'acme-alert-queue' },
    'aws-firehose': { hose: 'acme-alert-hose' },
    slack: ['security'],
  },
}).files;

/**
 * The only statements allowed `Resource: "*"`: in a KMS key policy "*" means "this key"
 * (https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-overview.html), so it cannot be narrower.
 */
const RESOURCE_STAR_ALLOWED: readonly { readonly type: string; readonly reason: string }[] = [
  { type: 'aws_kms_key', reason: 'a key policy applies to its own key; "*" is the only valid Resource' },
];

const allows = statements(everything).filter((s) => (s.statement.Effect ?? 'Allow') === 'Allow');

describe('IAM policies', () => {
  it('are found (the checks below look at something)', () => {
    expect(allows.length).toBeGreaterThan(20);
    // Functions of every kind are in what is checked: apps, scheduled queries, alert functions.
    expect(Object.values(resourcesOf(everything, 'aws_lambda_function')).map((f: Json) => f.function_name)).toEqual(
      expect.arrayContaining(['acme_corp_duo_auth_app', 'acme_streamalert_scheduled_queries', 'acme_streamalert_alert_processor', 'acme_streamalert_alert_merger']),
    );
  });

  it('never allow every action or every action of a service', () => {
    const wide = allows.flatMap((s) => list<string>(s.statement.Action).filter((a) => a === '*' || /^[a-z0-9-]+:\*$/.test(a)).map((a) => `${s.where}: ${a}`));
    expect(wide).toEqual([]);
  });

  it('never use NotAction or NotResource in an Allow', () => {
    expect(allows.filter((s) => 'NotAction' in s.statement || 'NotResource' in s.statement).map((s) => s.where)).toEqual([]);
  });

  it('allow Resource "*" only where AWS cannot scope it (listed with the reason)', () => {
    const star = allows.filter((s) => list<string>(s.statement.Resource).includes('*'));
    const unexpected = star.filter((s) => !RESOURCE_STAR_ALLOWED.some((a) => a.type === s.type)).map((s) => s.where);
    expect(unexpected).toEqual([]);
  });

  it('allow a principal "*" nowhere', () => {
    expect(allows.filter((s) => s.statement.Principal === '*' || list(s.statement.Principal?.AWS).includes('*')).map((s) => s.where)).toEqual([]);
  });

  it('let services assume roles only on behalf of this account or its log groups', () => {
    const trusts = statements(everything).filter((s) => s.where.endsWith('assume_role_policy') && s.statement.Principal?.Service);
    expect(trusts.length).toBeGreaterThan(3);
    for (const trust of trusts) expect(`${trust.where}: ${JSON.stringify(trust.statement.Condition ?? null)}`).toMatch(/aws:Source(Account|Arn)/);
  });
});

describe('buckets', () => {
  const buckets = Object.keys(resourcesOf(everything, 'aws_s3_bucket'));
  const bucketRef = (name: string) => `\${aws_s3_bucket.${name}.id}`;
  const byBucket = (type: string) => {
    const map = new Map<string, Json>();
    for (const body of Object.values(resourcesOf(everything, type))) map.set(body.bucket, body);
    return map;
  };
  /** S3 server access logs cannot go to an SSE-KMS bucket: https://docs.aws.amazon.com/AmazonS3/latest/userguide/enable-server-access-logging.html */
  const ACCESS_LOGS = ['global_access_logs', 'global_access_logs_us_west_2'];
  const SSE_S3_ALLOWED = ACCESS_LOGS;

  it('include the global ones, a source and an access-logs bucket per region, and the CloudTrail ones', () => {
    expect(buckets.sort()).toEqual(
      ['global_source', 'global_source_us_west_2', 'global_data', ...ACCESS_LOGS, 'prod_cloudtrail_bucket', 'corp_cloudtrail_bucket'].sort(),
    );
  });

  it.each(['aws_s3_bucket_versioning', 'aws_s3_bucket_server_side_encryption_configuration', 'aws_s3_bucket_public_access_block', 'aws_s3_bucket_policy', 'aws_s3_bucket_ownership_controls'])(
    'each have a %s',
    (type) => {
      const found = byBucket(type);
      expect(buckets.filter((b) => !found.has(bucketRef(b)))).toEqual([]);
    },
  );

  it('are versioned', () => {
    for (const b of buckets) expect(byBucket('aws_s3_bucket_versioning').get(bucketRef(b)).versioning_configuration.status).toBe('Enabled');
  });

  it('are encrypted with KMS (the access-logs bucket with SSE-S3, which is all S3 logging accepts)', () => {
    for (const b of buckets) {
      const rule = list<Json>(byBucket('aws_s3_bucket_server_side_encryption_configuration').get(bucketRef(b)).rule)[0];
      const expected = SSE_S3_ALLOWED.includes(b) ? { sse_algorithm: 'AES256' } : { sse_algorithm: 'aws:kms', kms_master_key_id: expect.stringMatching(/^\$\{aws_kms_key\./) };
      expect([b, rule.apply_server_side_encryption_by_default]).toEqual([b, expected]);
    }
  });

  it('block every kind of public access', () => {
    for (const b of buckets) {
      const block = byBucket('aws_s3_bucket_public_access_block').get(bucketRef(b));
      expect([b, block.block_public_acls, block.block_public_policy, block.ignore_public_acls, block.restrict_public_buckets]).toEqual([b, true, true, true, true]);
    }
  });

  it('deny requests without TLS', () => {
    for (const b of buckets) {
      const policy = JSON.parse(byBucket('aws_s3_bucket_policy').get(bucketRef(b)).policy);
      expect(policy.Statement).toContainEqual(
        expect.objectContaining({ Effect: 'Deny', Principal: '*', Action: 's3:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
      );
    }
  });

  it('log their access to the access-logs bucket of their own region, except those buckets themselves', () => {
    const logged = byBucket('aws_s3_bucket_logging');
    const all = resourcesOf(everything, 'aws_s3_bucket');
    // target_bucket is a reference: ${aws_s3_bucket.<name>.bucket}
    const targetRegion = (b: string) => all[/^\$\{aws_s3_bucket\.(\w+)\.bucket\}$/.exec(logged.get(bucketRef(b))?.target_bucket ?? '')?.[1] ?? '']?.region;
    const mismatched = buckets.filter((b) => !ACCESS_LOGS.includes(b) && targetRegion(b) !== all[b].region);
    expect(buckets.filter((b) => !ACCESS_LOGS.includes(b)).length).toBeGreaterThan(4);
    expect(mismatched).toEqual([]);
  });
});

describe('encryption at rest', () => {
  const kmsRef = expect.stringMatching(/^\$\{aws_kms_key\.[a-z0-9_]+\.arn\}$/);
  it.each([
    ['aws_kinesis_stream', (b: Json) => [b.encryption_type, b.kms_key_id], ['KMS', kmsRef]],
    ['aws_sqs_queue', (b: Json) => [b.kms_master_key_id], [kmsRef]],
    ['aws_sns_topic', (b: Json) => [b.kms_master_key_id], [kmsRef]],
    ['aws_cloudwatch_log_group', (b: Json) => [b.kms_key_id], [kmsRef]],
    ['aws_kinesis_firehose_delivery_stream', (b: Json) => [b.server_side_encryption.enabled, b.server_side_encryption.key_type, b.extended_s3_configuration.kms_key_arn], [true, 'CUSTOMER_MANAGED_CMK', kmsRef]],
    ['aws_lambda_function', (b: Json) => [b.kms_key_arn], [kmsRef]],
    ['aws_cloudtrail', (b: Json) => [b.kms_key_id], [kmsRef]],
    ['aws_dynamodb_table', (b: Json) => [b.server_side_encryption.enabled, b.server_side_encryption.kms_key_arn, b.point_in_time_recovery.enabled], [true, kmsRef, true]],
  ] as const)('covers every %s', (type, pick, expected) => {
    const found = resourcesOf(everything, type);
    expect(Object.keys(found).length).toBeGreaterThan(0);
    for (const [name, body] of Object.entries(found)) expect([name, ...pick(body)]).toEqual([name, ...expected]);
  });

  it('uses keys that rotate', () => {
    const keys = Object.values(resourcesOf(everything, 'aws_kms_key'));
    expect(keys.length).toBe(2);
    for (const key of keys) expect(key.enable_key_rotation).toBe(true);
  });

  it('declares nothing that looks like a secret', () => {
    const text = JSON.stringify(everything);
    expect(text).not.toMatch(/aws_iam_access_key|"password"|secret_key/i);
    expect(declared(everything).filter((d) => d.type === 'aws_iam_access_key')).toEqual([]);
  });
});

describe('functions', () => {
  const functions = resourcesOf(everything, 'aws_lambda_function');
  const aliases = Object.values(resourcesOf(everything, 'aws_lambda_alias'));
  const logGroups = Object.values(resourcesOf(everything, 'aws_cloudwatch_log_group'));

  it('include the rule processors and the alert merger and processor', () => {
    expect(Object.values(functions).map((f) => f.function_name)).toEqual(
      expect.arrayContaining(['acme_corp_streamalert_rules', 'acme_prod_streamalert_rules', 'acme_streamalert_alert_merger', 'acme_streamalert_alert_processor']),
    );
  });

  it('each have a production alias and a log group with a retention', () => {
    for (const [name, fn] of Object.entries(functions)) {
      const alias = aliases.find((a) => a.function_name === `\${aws_lambda_function.${name}.function_name}`);
      const logs = logGroups.find((g) => g.name === `/aws/lambda/${fn.function_name}`);
      expect([name, alias?.name, typeof logs?.retention_in_days]).toEqual([name, 'production', 'number']);
    }
  });
});

describe('alert delivery', () => {
  const alertPolicies = allows.filter((s) => /^aws_iam_role_policy\.(alert_|\w+_rule_processor_write_alerts)/.test(s.where));
  const ofService = (service: string) => alertPolicies.filter((s) => list<string>(s.statement.Action).some((a) => a.startsWith(`${service}:`)));

  it('has policies for the merger, the processor and each rule processor (the checks below look at something)', () => {
    expect(new Set(alertPolicies.map((s) => s.where.split('.')[1])).size).toBeGreaterThanOrEqual(12);
  });

  it('reaches DynamoDB on the alerts table (and the merger on its due index) only', () => {
    const tables = ofService('dynamodb').flatMap((s) => list<string>(s.statement.Resource));
    expect(tables.length).toBe(5);
    expect(new Set(tables)).toEqual(new Set(['${aws_dynamodb_table.global_alerts_table.arn}', '${aws_dynamodb_table.global_alerts_table.arn}/index/due']));
  });

  it('invokes the alert processor through its production alias only', () => {
    expect(ofService('lambda').map((s) => s.statement.Resource)).toEqual(['${aws_lambda_alias.alert_processor_alias.arn}']);
  });

  it('reads parameters under the outputs prefix only', () => {
    expect(ofService('ssm').map((s) => [s.statement.Action, s.statement.Resource])).toEqual([
      ['ssm:GetParameter', 'arn:aws:ssm:us-east-1:123456789012:parameter/acme/streamalert/outputs/*'],
    ]);
  });

  it('uses objects under alerts/ of the data bucket, and each AWS output, only', () => {
    const objects = ofService('s3').flatMap((s) => list<string>(s.statement.Resource));
    expect(objects.filter((arn) => !arn.startsWith('arn:aws:s3:::acme-streamalert-data/alerts/') && arn !== 'arn:aws:s3:::acme-alert-archive/alerts/*')).toEqual([]);
  });

  it('uses the KMS key only through the service that holds the data', () => {
    const unconditioned = ofService('kms').filter((s) => s.statement.Condition?.StringEquals?.['kms:ViaService'] === undefined);
    expect(unconditioned.map((s) => s.where)).toEqual([]);
  });

  it('keeps the alerts table recoverable and protected from deletion', () => {
    const table = resourcesOf(everything, 'aws_dynamodb_table').global_alerts_table;
    expect([table.name, table.point_in_time_recovery?.enabled, table.deletion_protection_enabled]).toEqual(['acme_streamalert_alerts', true, true]);
  });

  it('has alarms on merger errors, dead letters, alert age, processor errors and the failure queue', () => {
    const alarms = resourcesOf(everything, 'aws_cloudwatch_metric_alarm');
    expect(Object.keys(alarms).filter((name) => name.startsWith('alert_alarms_')).sort()).toEqual(
      ['alert_alarms_alert_age', 'alert_alarms_dead_lettered', 'alert_alarms_merger_errors', 'alert_alarms_processor_errors', 'alert_alarms_processor_failures'],
    );
  });
});

describe('rule staging', () => {
  const tableRef = '${aws_dynamodb_table.rule_staging_rules_table.arn}';
  const topicRef = '${aws_sns_topic.rule_staging_digest_topic.arn}';
  const onRulesTable = allows.filter((s) => list<string>(s.statement.Resource).includes(tableRef));
  const byRole = (pattern: RegExp) => onRulesTable.filter((s) => pattern.test(s.where)).map((s) => list<string>(s.statement.Action).sort());

  it('gives each rule processor BatchGetItem and UpdateItem on the rules table, nothing more', () => {
    expect(byRole(/^aws_iam_role_policy\.prod_rule_processor_rule_staging/)).toEqual([['dynamodb:BatchGetItem', 'dynamodb:UpdateItem']]);
    expect(byRole(/^aws_iam_role_policy\.corp_rule_processor_rule_staging/)).toEqual([['dynamodb:BatchGetItem', 'dynamodb:UpdateItem']]);
  });

  it('gives the promotion function Scan and UpdateItem on the rules table and Publish on the digest topic only', () => {
    expect(byRole(/^aws_iam_role_policy\.rule_staging_/)).toEqual([['dynamodb:Scan', 'dynamodb:UpdateItem']]);
    const publish = allows.filter((s) => list<string>(s.statement.Action).includes('sns:Publish') && s.where.startsWith('aws_iam_role_policy.rule_staging_'));
    expect(publish.map((s) => s.statement.Resource)).toEqual([topicRef]);
  });

  it('is reached by no other role', () => {
    expect(onRulesTable.filter((s) => !/^aws_iam_role_policy\.(prod_|corp_|)rule_(processor_rule_)?staging/.test(s.where)).map((s) => s.where)).toEqual([]);
  });

  it('uses the KMS key only through DynamoDB or SNS', () => {
    const kms = allows.filter((s) => /rule_staging/.test(s.where) && list<string>(s.statement.Action).some((a) => a.startsWith('kms:')));
    expect(kms.length).toBeGreaterThanOrEqual(3);
    for (const s of kms) expect(s.statement.Condition?.StringEquals?.['kms:ViaService']).toMatch(/^(dynamodb|sns)\.us-east-1\.amazonaws\.com$/);
  });

  it('keeps the rules table on-demand, recoverable and protected, and runs the promotion on a schedule through its alias', () => {
    const table = resourcesOf(everything, 'aws_dynamodb_table').rule_staging_rules_table;
    expect([table.name, table.billing_mode, table.hash_key, table.point_in_time_recovery?.enabled, table.deletion_protection_enabled]).toEqual(['acme_streamalert_rules', 'PAY_PER_REQUEST', 'RuleName', true, true]);
    const targets = Object.values(resourcesOf(everything, 'aws_cloudwatch_event_target')).filter((t) => t.target_id === 'rule_promotion');
    expect(targets.map((t) => t.arn)).toEqual(['${aws_lambda_alias.rule_staging_alias.arn}']);
  });
});
