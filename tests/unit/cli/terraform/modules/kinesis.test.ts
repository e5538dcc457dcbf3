import { determineStreamMode } from '../../../../../cli/terraform/modules/kinesis';
import { resourcesWith } from '../helpers';

describe('kinesis module', () => {
  const r = resourcesWith((v) => {
    v.clusters.prod.modules.kinesis.streams = { shards: 3, retention: 72, shard_level_metrics: ['IncomingBytes'], create_user: true, create_writer_role: true, writer_principals: ['arn:aws:iam::210987654321:root'] };
  });

  it.each([
    [{ on_demand: false, shards: 3 }, { mode: 'PROVISIONED', shards: 3 }],
    [{ on_demand: true, shards: 3 }, { mode: 'ON_DEMAND' }],
  ])('capacity of %j is %j', (settings, expected) => {
    expect(determineStreamMode(settings as never)).toEqual(expected);
  });

  it('declares a provisioned, KMS-encrypted stream with the configured retention and metrics', () => {
    expect(r.aws_kinesis_stream.prod_kinesis).toEqual({
      name: 'acme_prod_streamalert',
      region: 'us-east-1',
      shard_count: 3,
      stream_mode_details: { stream_mode: 'PROVISIONED' },
      retention_period: 72,
      shard_level_metrics: ['IncomingBytes'],
      encryption_type: 'KMS',
      kms_key_id: '${aws_kms_key.global_us_east_1_kms_key.arn}',
    });
  });

  it('declares an on-demand stream without a shard count', () => {
    expect(r.aws_kinesis_stream.corp_kinesis.stream_mode_details).toEqual({ stream_mode: 'ON_DEMAND' });
    expect(r.aws_kinesis_stream.corp_kinesis.shard_count).toBeUndefined();
  });

  it('creates the writer user and role only when asked, allowed to put records in this stream only', () => {
    expect(Object.keys(r.aws_iam_user)).toEqual(['prod_kinesis_writer_user']);
    const policy = JSON.parse(r.aws_iam_user_policy.prod_kinesis_writer_user_policy.policy);
    expect(policy.Statement[0].Resource).toBe('${aws_kinesis_stream.prod_kinesis.arn}');
    expect(policy.Statement[0].Action).toContain('kinesis:PutRecords');
    expect(r.aws_iam_role.corp_kinesis_writer_role).toBeUndefined();
  });

  it('lets only the configured principals assume the writer role', () => {
    const trust = JSON.parse(r.aws_iam_role.prod_kinesis_writer_role.assume_role_policy);
    expect(trust.Statement[0].Principal).toEqual({ AWS: ['arn:aws:iam::210987654321:root'] });
  });
});
