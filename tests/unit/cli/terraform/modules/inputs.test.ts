/** The input modules: s3_events, sns_inputs, sqs_inputs. */
import { determineFilters } from '../../../../../cli/terraform/modules/s3-events';
import { determineTopic } from '../../../../../cli/terraform/modules/sns-inputs';
import { determineQueue, SQS_CONSUME_ACTIONS } from '../../../../../cli/terraform/modules/sqs-inputs';
import { resourcesWith } from '../helpers';

const r = resourcesWith((v) => {
  v.clusters.prod.data_sources.s3['acme.other'] = ['cloudtrail'];
  v.clusters.prod.modules.s3_events['acme.other'] = [];
  v.clusters.corp.modules.sqs_inputs.batch_size = 50;
});

describe('s3_events module', () => {
  it('subscribes each bucket to the production alias with its filters', () => {
    expect(r.aws_s3_bucket_notification.prod_s3_events_acme_prod_cloudtrail).toEqual(
      expect.objectContaining({
        bucket: 'acme.prod.cloudtrail',
        lambda_function: [{ lambda_function_arn: '${aws_lambda_alias.prod_rule_processor_alias.arn}', events: ['s3:ObjectCreated:*'], filter_prefix: 'AWSLogs/', filter_suffix: '.json.gz' }],
      }),
    );
    expect(r.aws_s3_bucket_notification.prod_s3_events_acme_other.lambda_function).toEqual([
      { lambda_function_arn: '${aws_lambda_alias.prod_rule_processor_alias.arn}', events: ['s3:ObjectCreated:*'] },
    ]);
    expect(determineFilters([])).toEqual([{}]);
  });

  it('lets only that bucket invoke the alias', () => {
    expect(r.aws_lambda_permission.prod_s3_events_acme_prod_cloudtrail_permission).toEqual(
      expect.objectContaining({ principal: 's3.amazonaws.com', qualifier: 'production', source_arn: 'arn:aws:s3:::acme.prod.cloudtrail', source_account: '123456789012' }),
    );
  });

  it('grants read access to the objects of those buckets only', () => {
    const policy = JSON.parse(r.aws_iam_role_policy.prod_s3_events_read_objects.policy);
    expect(policy.Statement).toEqual([{ Effect: 'Allow', Action: 's3:GetObject', Resource: ['arn:aws:s3:::acme.other/*', 'arn:aws:s3:::acme.prod.cloudtrail/*'] }]);
  });
});

describe('sns_inputs module', () => {
  it.each([
    ['topic', { arn: 'arn:aws:sns:us-east-1:123456789012:topic', name: 'topic', region: 'us-east-1' }],
    ['arn:aws:sns:eu-west-1:210987654321:other', { arn: 'arn:aws:sns:eu-west-1:210987654321:other', name: 'other', region: 'eu-west-1' }],
  ])('reads %s as %j', (topic, expected) => {
    expect(determineTopic(topic, '123456789012', 'us-east-1')).toEqual(expected);
  });

  it('subscribes the alias to each topic, after allowing the topic to invoke it', () => {
    expect(r.aws_sns_topic_subscription.prod_sns_inputs_acme_prod_binaryalert).toEqual(
      expect.objectContaining({
        protocol: 'lambda',
        endpoint: '${aws_lambda_alias.prod_rule_processor_alias.arn}',
        topic_arn: 'arn:aws:sns:us-east-1:123456789012:acme_prod_binaryalert',
        depends_on: ['aws_lambda_permission.prod_sns_inputs_acme_prod_binaryalert_permission'],
      }),
    );
    expect(r.aws_lambda_permission.prod_sns_inputs_acme_prod_binaryalert_permission).toEqual(
      expect.objectContaining({ principal: 'sns.amazonaws.com', qualifier: 'production', source_arn: 'arn:aws:sns:us-east-1:123456789012:acme_prod_binaryalert' }),
    );
  });
});

describe('sqs_inputs module', () => {
  it('reads a bare queue name in the cluster region', () => {
    expect(determineQueue('q', '123456789012', 'us-west-2')).toEqual({ arn: 'arn:aws:sqs:us-west-2:123456789012:q', name: 'q' });
  });

  it('maps each queue to the alias with the batch size, reporting item failures', () => {
    expect(r.aws_lambda_event_source_mapping.corp_sqs_inputs_acme_corp_appliance_logs).toEqual(
      expect.objectContaining({
        event_source_arn: 'arn:aws:sqs:us-west-2:123456789012:acme_corp_appliance_logs',
        function_name: '${aws_lambda_alias.corp_rule_processor_alias.arn}',
        batch_size: 50,
        function_response_types: ['ReportBatchItemFailures'],
      }),
    );
  });

  it('lets the rule processor consume those queues only', () => {
    const policy = JSON.parse(r.aws_iam_role_policy.corp_sqs_inputs_consume.policy);
    expect(policy.Statement).toEqual([{ Effect: 'Allow', Action: SQS_CONSUME_ACTIONS, Resource: ['arn:aws:sqs:us-west-2:123456789012:acme_corp_appliance_logs'] }]);
  });
});
