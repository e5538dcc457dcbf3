import { KINESIS_READ_ACTIONS } from '../../../../../cli/terraform/modules/kinesis-events';
import { resourcesWith } from '../helpers';

describe('kinesis_events module', () => {
  const r = resourcesWith((v) => {
    v.clusters.prod.modules.kinesis_events = { batch_size: 250, starting_position: 'LATEST', batching_window_seconds: 10, bisect_on_error: false, maximum_retry_attempts: 7, maximum_record_age_seconds: 600 };
    v.clusters.corp.modules.kinesis_events.on_failure_destination = false;
  });

  it('maps the stream to the production alias with the configured settings', () => {
    expect(r.aws_lambda_event_source_mapping.prod_kinesis_events).toEqual(
      expect.objectContaining({
        event_source_arn: '${aws_kinesis_stream.prod_kinesis.arn}',
        function_name: '${aws_lambda_alias.prod_rule_processor_alias.arn}',
        batch_size: 250,
        starting_position: 'LATEST',
        maximum_batching_window_in_seconds: 10,
        bisect_batch_on_function_error: false,
        maximum_retry_attempts: 7,
        maximum_record_age_in_seconds: 600,
        depends_on: ['aws_iam_role_policy.prod_kinesis_events_read_stream'],
      }),
    );
  });

  it('sends failed batch metadata to an encrypted queue, unless switched off', () => {
    expect(r.aws_lambda_event_source_mapping.prod_kinesis_events.destination_config).toEqual({ on_failure: { destination_arn: '${aws_sqs_queue.prod_kinesis_events_failures.arn}' } });
    expect(r.aws_sqs_queue.prod_kinesis_events_failures).toEqual(expect.objectContaining({ name: 'acme_prod_streamalert_kinesis_failures', kms_master_key_id: '${aws_kms_key.global_us_east_1_kms_key.arn}' }));
    expect(r.aws_lambda_event_source_mapping.corp_kinesis_events.destination_config).toBeUndefined();
    expect(r.aws_sqs_queue.corp_kinesis_events_failures).toBeUndefined();
  });

  it('lets the rule processor read this stream only', () => {
    const policy = JSON.parse(r.aws_iam_role_policy.prod_kinesis_events_read_stream.policy);
    expect(r.aws_iam_role_policy.prod_kinesis_events_read_stream.role).toBe('${aws_iam_role.prod_rule_processor_role.name}');
    expect(policy.Statement[0]).toEqual({ Effect: 'Allow', Action: KINESIS_READ_ACTIONS, Resource: '${aws_kinesis_stream.prod_kinesis.arn}' });
  });
});
