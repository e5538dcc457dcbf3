import { determineGlueColumns, determineGlueType } from '../../../../../cli/terraform/glue-columns';
import { FIREHOSE_REGIONS } from '../../../../../cli/terraform/modules/firehose';
import { firehoseStreamName } from '../../../../../runtime/config/names';
import { resourcesWith } from '../helpers';

describe('firehose module', () => {
  const r = resourcesWith((v) => {
    v.global.firehose = { enabled: true, buffer_size_mb: 64, buffer_interval_seconds: 300, compression: 'Snappy', log_types: ['cloudtrail', 'osquery:differential'] };
  });

  it('delivers only the configured log types (a family is each of its types), one stream each', () => {
    const cloudtrail = ['cloudtrail_cloudwatch_logs', 'cloudtrail_digest', 'cloudtrail_events', 'cloudtrail_insights'];
    expect(Object.keys(r.aws_kinesis_firehose_delivery_stream).filter((n) => n.startsWith('firehose_')).sort()).toEqual([...cloudtrail, 'osquery_differential'].map((t) => `firehose_${t}`));
    expect(Object.keys(r.aws_glue_catalog_table).filter((n) => n.startsWith('firehose_')).sort()).toEqual([...cloudtrail, 'osquery_differential'].map((t) => `firehose_${t}_table`));
  });

  it('writes into the data bucket under dt= hourly partitions, with the configured buffering', () => {
    const stream = r.aws_kinesis_firehose_delivery_stream.firehose_cloudtrail_events;
    expect(stream.name).toBe('acme_streamalert_cloudtrail_events');
    expect(stream.extended_s3_configuration).toEqual(
      expect.objectContaining({
        bucket_arn: '${aws_s3_bucket.global_data.arn}',
        prefix: 'cloudtrail_events/dt=!{timestamp:yyyy-MM-dd-HH}/',
        buffering_size: 64,
        buffering_interval: 300,
        compression_format: 'Snappy',
      }),
    );
  });

  it('declares a Glue table whose columns come from the schema and whose partitions are projected', () => {
    const table = r.aws_glue_catalog_table.firehose_cloudtrail_events_table;
    expect(table.database_name).toBe('${aws_glue_catalog_database.firehose_database.name}');
    expect(table.partition_keys).toEqual([{ name: 'dt', type: 'string' }]);
    expect(table.parameters['projection.dt.format']).toBe('yyyy-MM-dd-HH');
    // "$${" keeps Terraform from interpolating Athena's own ${dt} placeholder
    expect(table.parameters['storage.location.template']).toBe('s3://${aws_s3_bucket.global_data.bucket}/cloudtrail_events/dt=$${dt}/');
    expect(table.storage_descriptor.columns).toContainEqual({ name: 'eventname', type: 'string' });
    expect(table.storage_descriptor.columns).toContainEqual({ name: 'readonly', type: 'boolean' });
  });

  it('lets Firehose write only into the data bucket', () => {
    const policy = JSON.parse(r.aws_iam_role_policy.firehose_role_policy.policy);
    expect(policy.Statement[0].Resource).toEqual(['${aws_s3_bucket.global_data.arn}', '${aws_s3_bucket.global_data.arn}/*']);
  });

  it('declares nothing when switched off', () => {
    const off = resourcesWith((v) => (v.global.firehose.enabled = false));
    expect(off.aws_kinesis_firehose_delivery_stream).toBeUndefined();
    expect(off.aws_glue_catalog_database).toBeUndefined();
  });

  it('knows the regions where Firehose runs', () => {
    expect(FIREHOSE_REGIONS).toEqual(expect.arrayContaining(['us-east-1', 'eu-west-1', 'ap-southeast-2']));
    expect(FIREHOSE_REGIONS).not.toContain('xx-nowhere-1');
  });

  it('keeps long stream names within 64 characters and distinct', () => {
    const account = { account: { id: '123456789012', prefix: 'a-very-long-prefix-x', region: 'us-east-1' } };
    const one = firehoseStreamName(account, 'some_family:a_very_long_log_type_name_that_goes_on_and_on_1');
    const two = firehoseStreamName(account, 'some_family:a_very_long_log_type_name_that_goes_on_and_on_2');
    expect(one.length).toBeLessThanOrEqual(64);
    expect(one).not.toBe(two);
  });
});

describe('Glue column types', () => {
  it.each([
    ['string', 'string'],
    ['integer', 'bigint'],
    ['float', 'double'],
    ['boolean', 'boolean'],
    ['ipaddress', 'string'],
    [[], 'array<string>'],
    [['integer'], 'array<bigint>'],
    [{}, 'map<string,string>'],
    [{ Name: 'string', count: 'integer' }, 'struct<name:string,count:bigint>'],
    [{ 'odd-key': 'string' }, 'map<string,string>'],
  ])('maps %j to %s', (type, expected) => {
    expect(determineGlueType(type as never)).toBe(expected);
  });

  it('lower-cases column names and keeps the first of two that collide', () => {
    expect(determineGlueColumns({ schema: { Key: 'string', key: 'integer', n: 'float' } } as never)).toEqual([
      { name: 'key', type: 'string' },
      { name: 'n', type: 'double' },
    ]);
  });
});

describe('rule processor access to Firehose', () => {
  it('may put records into this deployment\'s delivery streams only, and only when Firehose is on', () => {
    const on = resourcesWith();
    const policy = JSON.parse(on.aws_iam_role_policy.corp_rule_processor_firehose.policy);
    expect(policy.Statement).toEqual([
      { Effect: 'Allow', Action: 'firehose:PutRecordBatch', Resource: 'arn:aws:firehose:us-east-1:123456789012:deliverystream/acme_streamalert_*' },
      // The alert history is the alert processor's to write: a rule processor cannot forge it.
      { Effect: 'Deny', Action: 'firehose:*', Resource: 'arn:aws:firehose:us-east-1:123456789012:deliverystream/acme_streamalert_alert_delivery' },
    ]);
    expect(firehoseStreamName({ account: { id: '1', prefix: 'acme', region: 'us-east-1' } }, 'cloudtrail:events')).toMatch(/^acme_streamalert_/);
    const off = resourcesWith((v) => (v.global.firehose.enabled = false));
    expect(off.aws_iam_role_policy.corp_rule_processor_firehose).toBeUndefined();
  });
});
