/**
 * Alert delivery in Terraform: the alerts table, the alert merger and processor with their aliases,
 * schedule, on-failure queue, least-privilege roles and alarms, and the rule processors' right to write alerts.
 */
import { determineOutputStatements } from '../../../../../cli/terraform/modules/alert-outputs';
import { configWith, resourcesByType, resourcesWith, synthWith, type Json } from '../helpers';

const KEY = '${aws_kms_key.global_us_east_1_kms_key.arn}';
const TABLE_ARN = '${aws_dynamodb_table.global_alerts_table.arn}';
const policyOf = (r: Json, name: string): Json[] => JSON.parse(r.aws_iam_role_policy[name].policy).Statement;

describe('alert delivery terraform', () => {
  const r = resourcesWith((v) => {
    v.global.alerts = { merger: { schedule: 'rate(2 minutes)', memory: 512, timeout: 120 }, processor: { memory: 384, timeout: 90 } };
  });

  describe('the alerts table', () => {
    const table = r.aws_dynamodb_table.global_alerts_table;

    it('is keyed by rule name and alert id, on demand, expires items by TTL, in the account region', () => {
      expect(table).toEqual(
        expect.objectContaining({
          name: 'acme_streamalert_alerts',
          hash_key: 'RuleName',
          range_key: 'AlertID',
          billing_mode: 'PAY_PER_REQUEST',
          ttl: { attribute_name: 'TTL', enabled: true },
          region: 'us-east-1',
        }),
      );
      expect(table.attribute).toEqual([
        { name: 'RuleName', type: 'S' },
        { name: 'AlertID', type: 'S' },
        { name: 'DueShard', type: 'S' },
        { name: 'DueAt', type: 'N' },
      ]);
    });

    it('has the sparse due index the merger reads due alerts from (keys only)', () => {
      expect(table.global_secondary_index).toEqual([expect.objectContaining({ name: 'due', hash_key: 'DueShard', range_key: 'DueAt', projection_type: 'KEYS_ONLY' })]);
    });

    it('is encrypted with the project key, recoverable to a point in time and protected from deletion', () => {
      expect([table.server_side_encryption, table.point_in_time_recovery, table.deletion_protection_enabled]).toEqual([
        { enabled: true, kms_key_arn: KEY },
        { enabled: true },
        true,
      ]);
    });
  });

  describe.each([
    ['alert_merger', 'acme_streamalert_alert_merger', 512, 120],
    ['alert_processor', 'acme_streamalert_alert_processor', 384, 90],
  ])('the %s function', (id, name, memory, timeout) => {
    const fn = r.aws_lambda_function[id];

    it('starts from the bootstrap package with the configured memory and timeout, and leaves its code to lambda deploy', () => {
      expect(fn).toEqual(
        expect.objectContaining({ function_name: name, handler: 'index.handler', runtime: 'nodejs22.x', memory_size: memory, timeout, filename: '${path.module}/bootstrap.zip', kms_key_arn: KEY }),
      );
      expect(fn.lifecycle.ignore_changes).toEqual(expect.arrayContaining(['filename', 's3_key', 'source_code_hash']));
    });

    it('has a production alias on version 1 (the published bootstrap code, never $LATEST) that Terraform never moves', () => {
      expect(fn.publish).toBe(true);
      expect(r.aws_lambda_alias[`${id}_alias`]).toEqual(
        expect.objectContaining({
          name: 'production',
          function_version: `\${aws_lambda_function.${id}.version}`,
          lifecycle: { ignore_changes: ['function_version', 'routing_config'] },
        }),
      );
    });

    it('logs to an encrypted log group with the retention of variables.json, created first', () => {
      expect(r.aws_cloudwatch_log_group[`${id}_logs`]).toEqual(expect.objectContaining({ name: `/aws/lambda/${name}`, retention_in_days: 14, kms_key_id: KEY }));
      expect(fn.depends_on).toContain(`aws_cloudwatch_log_group.${id}_logs`);
      expect(policyOf(r, `${id}_write_logs`)).toEqual([
        { Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: `\${aws_cloudwatch_log_group.${id}_logs.arn}:*` },
      ]);
    });

    it('may use the alerts table only, and its key only through DynamoDB', () => {
      const [table, key] = policyOf(r, `${id}_alerts_table`);
      expect(table.Resource).toEqual(id === 'alert_merger' ? [TABLE_ARN, `${TABLE_ARN}/index/due`] : TABLE_ARN);
      expect(key).toEqual(expect.objectContaining({ Resource: KEY, Condition: { StringEquals: { 'kms:ViaService': 'dynamodb.us-east-1.amazonaws.com' } } }));
    });

    it('may use objects only under alerts/ of the data bucket, through S3 for the key', () => {
      const [objects, key] = policyOf(r, `${id}_alert_objects`);
      expect(objects.Resource).toMatch(/^arn:aws:s3:::acme-streamalert-data\/alerts\//);
      expect(key.Condition).toEqual({ StringEquals: { 'kms:ViaService': 's3.us-east-1.amazonaws.com' } });
    });
  });

  it('lets the merger read and write large records and write dead letters (never alerts/history/), and the processor only read records', () => {
    const merger = policyOf(r, 'alert_merger_alert_objects');
    expect(merger[0]).toEqual({ Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: 'arn:aws:s3:::acme-streamalert-data/alerts/records/*' });
    expect(merger[2]).toEqual({ Effect: 'Allow', Action: ['s3:PutObject'], Resource: 'arn:aws:s3:::acme-streamalert-data/alerts/dead-letter/*' });
    expect(policyOf(r, 'alert_processor_alert_objects')).toEqual([
      { Effect: 'Allow', Action: ['s3:GetObject'], Resource: 'arn:aws:s3:::acme-streamalert-data/alerts/records/*' },
      { Effect: 'Allow', Action: ['kms:Decrypt'], Resource: KEY, Condition: { StringEquals: { 'kms:ViaService': 's3.us-east-1.amazonaws.com' } } },
    ]);
  });

  it('lets the processor only get, update and put items (its tombstones), the merger more (query the due index, batch-read, put merged alerts), neither scan', () => {
    expect(policyOf(r, 'alert_processor_alerts_table')[0].Action).toEqual(['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem']);
    expect(policyOf(r, 'alert_merger_alerts_table')[0].Action).toEqual(expect.arrayContaining(['dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:PutItem']));
    expect(policyOf(r, 'alert_merger_alerts_table')[0].Action).not.toContain('dynamodb:Scan');
  });

  it('runs one merger at a time and never retries a failed run asynchronously (it would overlap the next scheduled run)', () => {
    expect(r.aws_lambda_function.alert_merger.reserved_concurrent_executions).toBe(1);
    expect(r.aws_lambda_function_event_invoke_config.alert_merger_async).toEqual(
      expect.objectContaining({ function_name: '${aws_lambda_function.alert_merger.function_name}', qualifier: 'production', maximum_retry_attempts: 0, maximum_event_age_in_seconds: 60 }),
    );
  });

  it('gives each function the environment of the alert runtime', () => {
    expect(r.aws_lambda_function.alert_merger.environment.variables).toEqual({
      ALERTS_TABLE: 'acme_streamalert_alerts',
      ALERTS_BUCKET: 'acme-streamalert-data',
      ALERT_PROCESSOR_FUNCTION: 'acme_streamalert_alert_processor:production',
      LOG_LEVEL: 'info',
    });
    expect(r.aws_lambda_function.alert_processor.environment.variables).toEqual({
      ALERTS_TABLE: 'acme_streamalert_alerts',
      ALERTS_BUCKET: 'acme-streamalert-data',
      OUTPUTS_SSM_PREFIX: '/acme/streamalert/outputs',
      LOG_LEVEL: 'info',
    });
  });

  it('runs the merger on the configured schedule, through its production alias only', () => {
    expect(r.aws_cloudwatch_event_rule.alert_merger_schedule.schedule_expression).toBe('rate(2 minutes)');
    expect(r.aws_cloudwatch_event_target.alert_merger_schedule_target).toEqual(
      expect.objectContaining({ rule: '${aws_cloudwatch_event_rule.alert_merger_schedule.name}', arn: '${aws_lambda_alias.alert_merger_alias.arn}' }),
    );
    expect(r.aws_lambda_permission.alert_merger_schedule_permission).toEqual(
      expect.objectContaining({ principal: 'events.amazonaws.com', qualifier: 'production', source_arn: '${aws_cloudwatch_event_rule.alert_merger_schedule.arn}' }),
    );
  });

  it('schedules the merger every minute by default', () => {
    expect(resourcesWith().aws_cloudwatch_event_rule.alert_merger_schedule.schedule_expression).toBe('rate(1 minute)');
  });

  it('lets the merger invoke only the processor alias', () => {
    expect(policyOf(r, 'alert_merger_invoke_processor')).toEqual([{ Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: '${aws_lambda_alias.alert_processor_alias.arn}' }]);
  });

  it('lets the processor read output secrets only under the outputs prefix, decrypted through SSM only', () => {
    expect(policyOf(r, 'alert_processor_output_secrets')).toEqual([
      { Effect: 'Allow', Action: 'ssm:GetParameter', Resource: 'arn:aws:ssm:us-east-1:123456789012:parameter/acme/streamalert/outputs/*' },
      { Effect: 'Allow', Action: 'kms:Decrypt', Resource: KEY, Condition: { StringEquals: { 'kms:ViaService': 'ssm.us-east-1.amazonaws.com' } } },
    ]);
  });

  it('sends failed asynchronous processor invocations to an encrypted queue it may write to', () => {
    expect(r.aws_lambda_function_event_invoke_config.alert_processor_async).toEqual(
      expect.objectContaining({
        function_name: '${aws_lambda_function.alert_processor.function_name}',
        qualifier: 'production',
        maximum_retry_attempts: 2,
        destination_config: { on_failure: { destination: '${aws_sqs_queue.alert_processor_failures.arn}' } },
      }),
    );
    expect(r.aws_sqs_queue.alert_processor_failures).toEqual(expect.objectContaining({ name: 'acme_streamalert_alert_processor_failures', kms_master_key_id: KEY }));
    expect(policyOf(r, 'alert_processor_failure_destination')[0]).toEqual({ Effect: 'Allow', Action: 'sqs:SendMessage', Resource: '${aws_sqs_queue.alert_processor_failures.arn}' });
  });

  it.each(['prod', 'corp'])('lets the %s rule processor only put items (conditionally) in the table and put records under alerts/records/', (cluster) => {
    const statements = policyOf(r, `${cluster}_rule_processor_write_alerts`);
    expect(statements.map((s) => [s.Action, s.Resource])).toEqual([
      ['dynamodb:PutItem', TABLE_ARN],
      [['kms:Decrypt', 'kms:DescribeKey', 'kms:Encrypt', 'kms:GenerateDataKey'], KEY],
      [['s3:PutObject'], 'arn:aws:s3:::acme-streamalert-data/alerts/records/*'],
      [['kms:GenerateDataKey'], KEY],
    ]);
    // The table is in the account region, whatever the cluster's region.
    expect(statements[1].Condition).toEqual({ StringEquals: { 'kms:ViaService': 'dynamodb.us-east-1.amazonaws.com' } });
  });

  describe('alarms', () => {
    const alarms = r.aws_cloudwatch_metric_alarm;
    const topic = '${aws_sns_topic.global_us_east_1_monitoring.arn}';

    it.each([
      ['alert_alarms_merger_errors', 'AWS/Lambda', 'Errors', { FunctionName: 'acme_streamalert_alert_merger' }],
      ['alert_alarms_processor_errors', 'AWS/Lambda', 'Errors', { FunctionName: 'acme_streamalert_alert_processor' }],
      ['alert_alarms_dead_lettered', 'StreamAlert/acme', 'AlertsDeadLettered', undefined],
      ['alert_alarms_alert_age', 'StreamAlert/acme', 'OldestOverdueAlertSeconds', undefined],
      ['alert_alarms_processor_failures', 'AWS/SQS', 'ApproximateNumberOfMessagesVisible', { QueueName: '${aws_sqs_queue.alert_processor_failures.name}' }],
    ])('declare %s on %s %s, notifying the monitoring topic', (name, namespace, metric, dimensions) => {
      expect(alarms[name]).toEqual(expect.objectContaining({ namespace, metric_name: metric, alarm_actions: [topic], ok_actions: [topic] }));
      expect(alarms[name].dimensions).toEqual(dimensions);
    });

    it('read the dead letters and the overdue time from the merger summary line of its own log group', () => {
      const filters = r.aws_cloudwatch_log_metric_filter;
      expect(filters.alert_alarms_dead_lettered_filter).toEqual(
        expect.objectContaining({
          log_group_name: '${aws_cloudwatch_log_group.alert_merger_logs.name}',
          pattern: '{ ($.message = "alert merger run") && ($.dead_lettered >= 0) }',
          metric_transformation: expect.objectContaining({ name: 'AlertsDeadLettered', namespace: 'StreamAlert/acme', value: '$.dead_lettered' }),
        }),
      );
      // Overdue alerts only: an alert waiting for its merge window or backoff is not counted (a 2-hour window never fires it).
      expect(filters.alert_alarms_alert_age_filter.metric_transformation.value).toBe('$.oldest_overdue_seconds');
      expect(alarms.alert_alarms_alert_age.threshold).toBe(900);
    });
  });

  describe('the AWS outputs of outputs.json', () => {
    const outputs = {
      'aws-s3': { archive: 'acme-alert-archive', other: 'arn:aws:s3:::acme-other-archive' },
      'aws-sns': { page: 'acme-pages', cross: 'arn:aws:sns:us-west-2:210987654321:their-topic' },
      'aws-sqs': { queue: 'acme-alert-queue', url: 'https://sqs.eu-west-1.amazonaws.com/210987654321/their-queue' },
      'aws-firehose': { hose: 'acme-alert-hose' },
      slack: ['security'],
    };

    it('become one statement per service naming each configured resource by ARN, with only the call it sends with', () => {
      expect(determineOutputStatements(configWith(undefined, { 'outputs.json': outputs }))).toEqual([
        { Action: ['firehose:PutRecordBatch'], Resource: ['arn:aws:firehose:us-east-1:123456789012:deliverystream/acme-alert-hose'] },
        { Action: ['s3:PutObject'], Resource: ['arn:aws:s3:::acme-alert-archive/alerts/*', 'arn:aws:s3:::acme-other-archive/alerts/*'] },
        { Action: ['sns:Publish'], Resource: ['arn:aws:sns:us-east-1:123456789012:acme-pages', 'arn:aws:sns:us-west-2:210987654321:their-topic'] },
        { Action: ['sqs:SendMessage'], Resource: ['arn:aws:sqs:eu-west-1:210987654321:their-queue', 'arn:aws:sqs:us-east-1:123456789012:acme-alert-queue'] },
      ]);
    });

    it('are attached to the processor role, and no outputs policy exists without AWS outputs', () => {
      const withOutputs = resourcesByType(synthWith(undefined, { 'outputs.json': outputs }).files);
      expect(policyOf(withOutputs, 'alert_processor_outputs')).toHaveLength(4);
      const without = resourcesByType(synthWith(undefined, { 'outputs.json': { slack: ['security'] } }).files);
      expect(without.aws_iam_role_policy.alert_processor_outputs).toBeUndefined();
    });
  });
});
