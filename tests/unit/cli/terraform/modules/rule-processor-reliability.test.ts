import { BATCH_METRICS } from '../../../../../cli/terraform/modules/rule-processor-reliability';
import { determineDataLifecycle } from '../../../../../cli/terraform/modules/global';
import { defaultRecordAge } from '../../../../../runtime/config/resolve-modules';
import { resourcesWith } from '../helpers';

describe('rule processor retries, failure queues and metrics in Terraform', () => {
  const r = resourcesWith((v) => {
    v.global.data_retention_days = { 'cloudtrail_events/': 730 };
  });

  it('sends asynchronous events (S3, SNS) that failed twice to an encrypted queue, on the production alias', () => {
    expect(r.aws_lambda_function_event_invoke_config.prod_rule_processor_reliability_async).toEqual(
      expect.objectContaining({
        function_name: 'acme_prod_streamalert_rules',
        qualifier: 'production',
        maximum_retry_attempts: 2,
        destination_config: { on_failure: { destination: '${aws_sqs_queue.prod_rule_processor_reliability_failures.arn}' } },
      }),
    );
    expect(r.aws_sqs_queue.prod_rule_processor_reliability_failures).toEqual(
      expect.objectContaining({ name: 'acme_prod_streamalert_rules_failed', kms_master_key_id: '${aws_kms_key.global_us_east_1_kms_key.arn}', message_retention_seconds: 1209600 }),
    );
    const policy = JSON.parse(r.aws_iam_role_policy.prod_rule_processor_reliability_send_failures.policy);
    expect(policy.Statement).toEqual([
      expect.objectContaining({ Action: 'sqs:SendMessage', Resource: '${aws_sqs_queue.prod_rule_processor_reliability_failures.arn}' }),
      expect.objectContaining({ Action: ['kms:GenerateDataKey', 'kms:Decrypt'], Condition: { StringEquals: { 'kms:ViaService': 'sqs.us-east-1.amazonaws.com' } } }),
    ]);
  });

  it('alarms on every failure queue of a cluster: the async one and the Kinesis mapping one', () => {
    const queues = Object.values(r.aws_cloudwatch_metric_alarm)
      .filter((a) => a.metric_name === 'ApproximateNumberOfMessagesVisible')
      .map((a) => a.dimensions.QueueName as string);
    expect(queues).toEqual(
      expect.arrayContaining([
        '${aws_sqs_queue.prod_rule_processor_reliability_failures.name}',
        '${aws_sqs_queue.prod_kinesis_events_failures.name}',
        '${aws_sqs_queue.corp_rule_processor_reliability_failures.name}',
      ]),
    );
  });

  it('reads the counts of the "batch processed" line into metrics, and alarms on failed, Firehose-refused and dead-lettered records', () => {
    const filters = Object.values(r.aws_cloudwatch_log_metric_filter).filter((f) => f.log_group_name === '${aws_cloudwatch_log_group.prod_rule_processor_logs.name}');
    expect(filters.map((f) => f.metric_transformation.value).sort()).toEqual(BATCH_METRICS.map((m) => `$.counts.${m.field}`).sort());
    for (const filter of filters) expect(filter.pattern).toBe('{ $.message = "batch processed" }');
    const alarmed = Object.values(r.aws_cloudwatch_metric_alarm)
      .filter((a) => a.namespace === 'StreamAlert' && a.dimensions.FunctionName === 'acme_prod_streamalert_rules')
      .map((a) => a.metric_name);
    expect(alarmed.sort()).toEqual(['DeadLettered', 'FailedReads', 'FailedRecords', 'FirehoseFailed']);
  });

  it('keeps Kinesis records retried until shortly before the stream drops them (the bundled prod stream keeps 48 hours)', () => {
    expect(r.aws_kinesis_stream.prod_kinesis.retention_period).toBe(48);
    expect(r.aws_lambda_event_source_mapping.prod_kinesis_events).toEqual(
      expect.objectContaining({ maximum_retry_attempts: -1, maximum_record_age_in_seconds: 47 * 3600, function_response_types: ['ReportBatchItemFailures'] }),
    );
  });

  it.each([
    [24, 82_800],
    [168, 601_200],
    [8760, 604_800],
    [1, 60],
  ])('sets the default record age of a %i hour stream to %i seconds', (hours, seconds) => {
    expect(defaultRecordAge(hours)).toBe(seconds);
  });

  it('expires data bucket prefixes after their configured days, dead letters after a year by default', () => {
    expect(r.aws_s3_bucket_lifecycle_configuration.global_data_lifecycle.rule).toEqual([
      expect.objectContaining({ id: 'expire-cloudtrail_events', filter: [{ prefix: 'cloudtrail_events/' }], expiration: [{ days: 730 }] }),
      expect.objectContaining({ id: 'expire-dead-letter', filter: [{ prefix: 'dead-letter/' }], expiration: [{ days: 365 }] }),
      expect.objectContaining({ id: 'old-versions-and-uploads', noncurrent_version_expiration: [{ noncurrent_days: 30 }], abort_incomplete_multipart_upload: [{ days_after_initiation: 7 }] }),
    ]);
    expect(determineDataLifecycle({ 'dead-letter/': 90 })).toEqual([
      { id: 'expire-dead-letter', status: 'Enabled', filter: [{ prefix: 'dead-letter/' }], expiration: [{ days: 90 }] },
      expect.objectContaining({ id: 'old-versions-and-uploads', noncurrentVersionExpiration: [{ noncurrentDays: 30 }], abortIncompleteMultipartUpload: [{ daysAfterInitiation: 7 }] }),
    ]);
  });

  it('lets only the trails of this deployment use the KMS key for CloudTrail', () => {
    const policy = JSON.parse(r.aws_kms_key.global_us_east_1_kms_key.policy);
    const trail = policy.Statement.find((s: { Sid: string }) => s.Sid === 'CloudTrailEncryptLogs');
    expect(trail.Condition).toEqual({
      StringEquals: { 'aws:SourceAccount': '123456789012' },
      ArnLike: { 'aws:SourceArn': 'arn:aws:cloudtrail:*:123456789012:trail/acme_*_streamalert' },
    });
  });

  it('grants no Kinesis SubscribeToShard and no single-record Firehose PutRecord', () => {
    const actions = Object.values(r.aws_iam_role_policy).flatMap((p) => JSON.parse(p.policy).Statement.flatMap((s: { Action: string | string[] }) => [s.Action].flat()));
    expect(actions).not.toContain('kinesis:SubscribeToShard');
    expect(actions).not.toContain('firehose:PutRecord');
  });
});
