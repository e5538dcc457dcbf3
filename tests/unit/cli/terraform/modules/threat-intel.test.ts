import { list, resourcesOf, statements, synthWith, INTEL_FILES, type Json } from '../helpers';

const files = synthWith(undefined, INTEL_FILES).files;
const without = synthWith().files;
const TABLE_ARN = 'arn:aws:dynamodb:us-east-1:123456789012:table/acme_streamalert_threat_intel_downloader';

/** The statements of policies whose address contains `part`. */
function statementsOf(part: string): Json[] {
  return statements(files).filter((s) => s.where.includes(part)).map((s) => s.statement);
}

describe('threat intel module', () => {
  it('creates nothing when threat_intel.json is absent', () => {
    const names = Object.values(resourcesOf(without, 'aws_dynamodb_table')).map((t) => t.name);
    expect(names).not.toContain('acme_streamalert_threat_intel_downloader');
    expect(Object.keys(resourcesOf(without, 'aws_lambda_function')).filter((n) => n.includes('threat_intel'))).toEqual([]);
    expect(statements(without).filter((s) => s.where.includes('read_intel'))).toEqual([]);
  });

  it('declares the IOC table with TTL on expiration_ts, the project key, point-in-time recovery and deletion protection', () => {
    const table = resourcesOf(files, 'aws_dynamodb_table').threat_intel_ioc_table;
    expect(table).toEqual(
      expect.objectContaining({
        name: 'acme_streamalert_threat_intel_downloader',
        hash_key: 'ioc_value',
        billing_mode: 'PAY_PER_REQUEST',
        ttl: { attribute_name: 'expiration_ts', enabled: true },
        point_in_time_recovery: { enabled: true },
        deletion_protection_enabled: true,
        server_side_encryption: { enabled: true, kms_key_arn: expect.stringMatching(/^\$\{aws_kms_key\./) },
      }),
    );
  });

  it('declares the downloader with its alias, schedule, log group and errors alarm', () => {
    const fn = resourcesOf(files, 'aws_lambda_function').threat_intel_downloader;
    expect(fn).toEqual(expect.objectContaining({ function_name: 'acme_streamalert_threat_intel_downloader', reserved_concurrent_executions: 1, kms_key_arn: expect.any(String) }));
    expect(resourcesOf(files, 'aws_lambda_alias').threat_intel_downloader_alias).toEqual(expect.objectContaining({ name: 'production' }));
    expect(resourcesOf(files, 'aws_cloudwatch_event_rule').threat_intel_downloader_schedule).toEqual(expect.objectContaining({ schedule_expression: 'rate(1 day)' }));
    expect(resourcesOf(files, 'aws_cloudwatch_log_group').threat_intel_downloader_logs).toEqual(expect.objectContaining({ name: '/aws/lambda/acme_streamalert_threat_intel_downloader' }));
    expect(resourcesOf(files, 'aws_cloudwatch_metric_alarm').threat_intel_downloader_errors).toBeDefined();
    expect(Object.keys(files)).toContain('main.tf.json');
  });

  it('lets the downloader write the table and read only its ThreatStream parameter', () => {
    const actions = statementsOf('threat_intel_downloader_fill_table').map((s) => [list(s.Action).join(','), list(s.Resource).join(',')]);
    expect(actions).toEqual([
      ['dynamodb:BatchWriteItem', TABLE_ARN],
      ['kms:Decrypt,kms:GenerateDataKey', expect.stringMatching(/aws_kms_key/)],
      ['ssm:GetParameter', 'arn:aws:ssm:us-east-1:123456789012:parameter/acme/streamalert/threat_intel/threatstream'],
      ['kms:Decrypt', expect.stringMatching(/aws_kms_key/)],
    ]);
  });

  it('lets a rule processor read exactly the configured lookup table objects and tables, and the IOC table only where intel matches', () => {
    const prod = statementsOf('prod_rule_processor_read_intel');
    expect(prod).toEqual([
      { Effect: 'Allow', Action: 's3:GetObject', Resource: ['arn:aws:s3:::acme-lookup-tables/allow.json.gz'] },
      { Effect: 'Allow', Action: 'dynamodb:Scan', Resource: ['arn:aws:dynamodb:us-east-1:123456789012:table/acme_lookup_browsers'] },
      { Effect: 'Allow', Action: 'dynamodb:BatchGetItem', Resource: TABLE_ARN },
      expect.objectContaining({ Action: 'kms:Decrypt', Condition: { StringEquals: { 'kms:ViaService': 'dynamodb.us-east-1.amazonaws.com' } } }),
    ]);
    // corp is not in threat_intel.json's clusters: lookup tables only.
    expect(statementsOf('corp_rule_processor_read_intel').map((s) => s.Action)).toEqual(['s3:GetObject', 'dynamodb:Scan']);
  });
});
