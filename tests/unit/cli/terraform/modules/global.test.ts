import { Testing } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { determineKeyPolicy } from '../../../../../cli/terraform/modules/regional-key';
import { determineRegions, GlobalModule } from '../../../../../cli/terraform/modules/global';
import { SecureBucket } from '../../../../../cli/terraform/constructs/secure-bucket';
import { StreamAlertStack } from '../../../../../cli/terraform/stack';
import { sourceBucketName } from '../../../../../runtime/config/names';
import { configWith, resourcesByType, synthWith } from '../helpers';

describe('global module', () => {
  const config = configWith((v) => {
    v.terraform.aws_provider_version = '6.25.0';
    v.terraform.use_lockfile = false;
    v.clusters.edge = { ...v.clusters.corp, region: 'eu-west-1', modules: {} };
  });

  it('uses the account region first, then each other cluster region once, in order', () => {
    expect(determineRegions(config)).toEqual(['us-east-1', 'eu-west-1', 'us-west-2']);
  });

  it('synthesizes alone with the cdktf Testing helpers: a key per region, rotated, and a monitoring topic each', () => {
    const stack = new StreamAlertStack(Testing.app(), 'streamalert');
    new AwsProvider(stack, 'aws', { region: 'us-east-1' });
    new GlobalModule(stack, 'global', { config });
    const synthesized = Testing.synth(stack);
    for (const region of ['us-east-1', 'eu-west-1', 'us-west-2']) {
      expect(Testing.toHaveResourceWithProperties(synthesized, 'aws_kms_key', { region, enable_key_rotation: true })).toBe(true);
      expect(Testing.toHaveResourceWithProperties(synthesized, 'aws_sns_topic', { region, name: 'acme_streamalert_monitoring' })).toBe(true);
    }
    expect(Testing.toHaveResourceWithProperties(synthesized, 'aws_s3_bucket', { bucket: 'acme-streamalert-source' })).toBe(true);
    expect(Testing.toHaveResourceWithProperties(synthesized, 'aws_s3_bucket', { bucket: 'acme-streamalert-data' })).toBe(true);
    expect(Testing.toHaveResourceWithProperties(synthesized, 'aws_s3_bucket', { bucket: 'acme-streamalert-s3-logs' })).toBe(true);
  });

  const { files } = synthWith((v) => {
    v.terraform.aws_provider_version = '6.25.0';
    v.terraform.use_lockfile = false;
    v.global.s3_access_logs = { retention_days: 90 };
  });
  const main = files['main.tf.json'] as Record<string, never>;

  it('pins the provider version from the configuration and the account it may touch', () => {
    expect(main.terraform).toEqual(
      expect.objectContaining({ required_providers: { aws: { source: 'hashicorp/aws', version: '6.25.0' } }, required_version: '>= 1.10' }),
    );
    expect(main.provider).toEqual({ aws: [expect.objectContaining({ region: 'us-east-1', allowed_account_ids: ['123456789012'] })] });
  });

  it('keeps state in the configured S3 backend, encrypted, with the configured locking', () => {
    expect(main.terraform).toEqual(
      expect.objectContaining({
        backend: { s3: { bucket: 'acme-streamalert-terraform-state', key: 'streamalert/terraform.tfstate', region: 'us-east-1', encrypt: true, use_lockfile: false } },
      }),
    );
  });

  it('expires access logs after the configured retention', () => {
    const lifecycle = resourcesByType(files).aws_s3_bucket_lifecycle_configuration.global_access_logs_expiration;
    expect(lifecycle.rule[0].expiration).toEqual([{ days: 90 }]);
  });

  it('lets only S3 logging of this account write into the access-logs bucket', () => {
    const policy = JSON.parse(resourcesByType(files).aws_s3_bucket_policy.global_access_logs_policy.policy);
    expect(policy.Statement[0]).toEqual(
      expect.objectContaining({ Principal: { Service: 'logging.s3.amazonaws.com' }, Action: 's3:PutObject', Condition: expect.objectContaining({ StringEquals: { 'aws:SourceAccount': '123456789012' } }) }),
    );
  });

  it('gives each region its own source bucket, encrypted with that region\'s key and logging into that region', () => {
    const resources = resourcesByType(files);
    expect(sourceBucketName(config, 'us-east-1')).toBe('acme-streamalert-source');
    expect(sourceBucketName(config, 'us-west-2')).toBe('acme-streamalert-source-us-west-2');
    const sources = Object.entries(resources.aws_s3_bucket)
      .filter(([, body]) => String(body.bucket).startsWith('acme-streamalert-source'))
      .map(([name, body]) => [name, body.bucket, body.region]);
    expect(sources.sort()).toEqual([
      ['global_source', 'acme-streamalert-source', 'us-east-1'],
      ['global_source_us_west_2', 'acme-streamalert-source-us-west-2', 'us-west-2'],
    ]);
    const encryption = resources.aws_s3_bucket_server_side_encryption_configuration.global_source_us_west_2_encryption;
    expect(encryption.rule[0].apply_server_side_encryption_by_default.kms_master_key_id).toBe('${aws_kms_key.global_us_west_2_kms_key.arn}');
    expect(resources.aws_s3_bucket_logging.global_source_us_west_2_logging).toEqual(
      expect.objectContaining({ region: 'us-west-2', target_bucket: '${aws_s3_bucket.global_access_logs_us_west_2.bucket}' }),
    );
    expect(resources.aws_s3_bucket.global_access_logs_us_west_2).toEqual(expect.objectContaining({ bucket: 'acme-streamalert-s3-logs-us-west-2', region: 'us-west-2' }));
    expect(resources.aws_s3_bucket_lifecycle_configuration.global_access_logs_us_west_2_expiration.rule[0].expiration).toEqual([{ days: 90 }]);
  });

  it('gives services only the key actions they use, for this account', () => {
    const policy = JSON.parse(determineKeyPolicy('123456789012', 'us-west-2'));
    const sids = policy.Statement.map((s: { Sid: string }) => s.Sid);
    expect(sids).toEqual(['AccountAdministersKey', 'CloudWatchLogsEncryptLogGroups', 'CloudTrailEncryptLogs', 'CloudWatchAlarmsPublishToEncryptedTopic']);
    expect(policy.Statement[1].Principal).toEqual({ Service: 'logs.us-west-2.amazonaws.com' });
    expect(policy.Statement[0].Principal).toEqual({ AWS: 'arn:aws:iam::123456789012:root' });
    expect(JSON.parse(determineKeyPolicy('123456789012', 'cn-north-1')).Statement[0].Principal).toEqual({ AWS: 'arn:aws-cn:iam::123456789012:root' });
  });
});

describe('SecureBucket', () => {
  it('encrypts with SSE-S3 when given no key, and logs nowhere when given no logs bucket', () => {
    const synthesized = Testing.synthScope((scope) => {
      new SecureBucket(scope, 'logs', { bucketName: 'b', region: 'us-east-1' });
    });
    expect(Testing.toHaveResource(synthesized, 'aws_s3_bucket_logging')).toBe(false);
    expect(
      Testing.toHaveResourceWithProperties(synthesized, 'aws_s3_bucket_server_side_encryption_configuration', {
        rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: 'AES256' } }],
      }),
    ).toBe(true);
  });
});
