import { resourcesWith } from '../helpers';

describe('historical_search module', () => {
  const r = resourcesWith((v) => {
    v.global.athena = { bytes_scanned_cutoff_gb: 2.5 };
  });

  it('declares the workgroup with encrypted results in the data bucket, a scan cutoff, and its configuration enforced', () => {
    const wg = r.aws_athena_workgroup.historical_search_workgroup;
    expect(wg.name).toBe('acme_streamalert');
    expect(wg.configuration).toEqual(
      expect.objectContaining({
        enforce_workgroup_configuration: true,
        bytes_scanned_cutoff_per_query: 2_500_000_000,
        result_configuration: {
          output_location: 's3://${aws_s3_bucket.global_data.bucket}/athena-results/',
          encryption_configuration: { encryption_option: 'SSE_KMS', kms_key_arn: expect.stringContaining('aws_kms_key') },
        },
      }),
    );
  });

  it('delivers alerts under alerts/history/ (apart from alert records and dead letters) and declares the alerts table there', () => {
    const stream = r.aws_kinesis_firehose_delivery_stream.historical_search_alerts;
    expect(stream.name).toBe('acme_streamalert_alert_delivery');
    expect(stream.extended_s3_configuration.prefix).toBe('alerts/history/dt=!{timestamp:yyyy-MM-dd-HH}/');
    const table = r.aws_glue_catalog_table.historical_search_alerts_table;
    expect(table.name).toBe('alerts');
    expect(table.database_name).toBe('${aws_glue_catalog_database.firehose_database.name}');
    expect(table.storage_descriptor.location).toBe('s3://${aws_s3_bucket.global_data.bucket}/alerts/history/');
    expect(table.storage_descriptor.columns).toContainEqual({ name: 'rule_name', type: 'string' });
  });

  it('lets the alert delivery role write only under alerts/history/', () => {
    const policy = JSON.parse(r.aws_iam_role_policy.historical_search_alerts_role_policy.policy);
    const puts = policy.Statement.filter((s: { Action: string[] | string }) => [s.Action].flat().includes('s3:PutObject'));
    expect(puts.map((s: { Resource: string }) => s.Resource)).toEqual(['${aws_s3_bucket.global_data.arn}/alerts/history/*']);
  });
});
