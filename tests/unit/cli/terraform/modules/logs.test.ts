/** The modules that deliver logs into the cluster stream: cloudwatch_logs, flow_logs, cloudtrail. */
import { determineDestinationRegions, ERROR_FILTER_PATTERN } from '../../../../../cli/terraform/modules/cloudwatch-logs';
import { determineFlowLogTargets } from '../../../../../cli/terraform/modules/flow-logs';
import { resourcesWith } from '../helpers';

const r = resourcesWith((v) => {
  v.clusters.prod.modules.cloudwatch_logs = { cross_account_ids: ['210987654321'], regions: ['us-east-1', 'eu-west-1'] };
  v.clusters.corp.modules.flow_logs = { vpcs: ['vpc-1'], subnets: ['subnet-2'], enis: ['eni-3'], log_retention_days: 7 };
  v.clusters.corp.modules.cloudtrail = { multi_region: false, send_to_kinesis: false };
});

describe('cloudwatch_logs module', () => {
  it('subscribes the rule processor error lines to the cluster stream', () => {
    expect(r.aws_cloudwatch_log_subscription_filter.prod_cloudwatch_logs_function_errors).toEqual(
      expect.objectContaining({
        log_group_name: '${aws_cloudwatch_log_group.prod_rule_processor_logs.name}',
        filter_pattern: ERROR_FILTER_PATTERN,
        destination_arn: '${aws_kinesis_stream.prod_kinesis.arn}',
        role_arn: '${aws_iam_role.prod_kinesis_logs_role.arn}',
      }),
    );
    expect(ERROR_FILTER_PATTERN).toBe('{ $.level = "ERROR" }');
  });

  it('creates a destination per region that the other accounts may subscribe to', () => {
    expect(determineDestinationRegions({ regions: [] } as never, 'us-west-2')).toEqual(['us-west-2']);
    expect(Object.keys(r.aws_cloudwatch_log_destination).sort()).toEqual(['prod_cloudwatch_logs_destination_eu_west_1', 'prod_cloudwatch_logs_destination_us_east_1']);
    expect(r.aws_cloudwatch_log_destination.prod_cloudwatch_logs_destination_eu_west_1).toEqual(
      expect.objectContaining({ region: 'eu-west-1', target_arn: '${aws_kinesis_stream.prod_kinesis.arn}' }),
    );
    const access = JSON.parse(r.aws_cloudwatch_log_destination_policy.prod_cloudwatch_logs_destination_eu_west_1_policy.access_policy);
    expect(access.Statement).toEqual([
      { Effect: 'Allow', Action: 'logs:PutSubscriptionFilter', Principal: { AWS: ['210987654321'] }, Resource: '${aws_cloudwatch_log_destination.prod_cloudwatch_logs_destination_eu_west_1.arn}' },
    ]);
  });
});

describe('flow_logs module', () => {
  it('lists every vpc, subnet and eni', () => {
    expect(determineFlowLogTargets({ vpcs: ['vpc-1'], subnets: ['subnet-2'], enis: ['eni-3'] } as never).map((t) => t.argument)).toEqual(['vpcId', 'subnetId', 'eniId']);
  });

  it('logs each of them into an encrypted log group subscribed to the stream', () => {
    expect(r.aws_flow_log.corp_flow_logs_vpc_1).toEqual(expect.objectContaining({ vpc_id: 'vpc-1', traffic_type: 'ALL', log_destination: '${aws_cloudwatch_log_group.corp_flow_logs_logs.arn}' }));
    expect(r.aws_flow_log.corp_flow_logs_subnet_2.subnet_id).toBe('subnet-2');
    expect(r.aws_flow_log.corp_flow_logs_eni_3.eni_id).toBe('eni-3');
    expect(r.aws_cloudwatch_log_group.corp_flow_logs_logs).toEqual(expect.objectContaining({ retention_in_days: 7, kms_key_id: '${aws_kms_key.global_us_west_2_kms_key.arn}' }));
    expect(r.aws_cloudwatch_log_subscription_filter.corp_flow_logs_to_kinesis.destination_arn).toBe('${aws_kinesis_stream.corp_kinesis.arn}');
  });
});

describe('cloudtrail module', () => {
  it('declares a trail with log file validation and KMS, writing to its own bucket', () => {
    expect(r.aws_cloudtrail.corp_cloudtrail).toEqual(
      expect.objectContaining({
        name: 'acme_corp_streamalert',
        region: 'us-west-2',
        is_multi_region_trail: false,
        enable_log_file_validation: true,
        s3_bucket_name: '${aws_s3_bucket.corp_cloudtrail_bucket.bucket}',
        kms_key_id: '${aws_kms_key.global_us_east_1_kms_key.arn}',
        depends_on: ['aws_s3_bucket_policy.corp_cloudtrail_bucket_policy'],
      }),
    );
    expect(r.aws_s3_bucket.corp_cloudtrail_bucket.bucket).toBe('acme-corp-streamalert-cloudtrail');
  });

  it('lets only this trail write into the bucket', () => {
    const policy = JSON.parse(r.aws_s3_bucket_policy.corp_cloudtrail_bucket_policy.policy);
    expect(policy.Statement).toContainEqual(
      expect.objectContaining({
        Action: 's3:PutObject',
        Resource: 'arn:aws:s3:::acme-corp-streamalert-cloudtrail/AWSLogs/123456789012/*',
        Condition: { StringEquals: { 'aws:SourceArn': 'arn:aws:cloudtrail:us-west-2:123456789012:trail/acme_corp_streamalert' } },
      }),
    );
  });

  it('sends events through CloudWatch Logs into the stream only when asked', () => {
    expect(r.aws_cloudtrail.prod_cloudtrail.cloud_watch_logs_group_arn).toBe('${aws_cloudwatch_log_group.prod_cloudtrail_logs.arn}:*');
    expect(r.aws_cloudwatch_log_subscription_filter.prod_cloudtrail_to_kinesis.destination_arn).toBe('${aws_kinesis_stream.prod_kinesis.arn}');
    expect(r.aws_cloudtrail.corp_cloudtrail.cloud_watch_logs_group_arn).toBeUndefined();
    expect(r.aws_cloudwatch_log_group.corp_cloudtrail_logs).toBeUndefined();
  });
});
