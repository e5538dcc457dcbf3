/**
 * The `kinesis_events` module: the event source mapping from the cluster's stream to the rule
 * processor's alias, with an encrypted queue for the metadata of batches that keep failing.
 */
import { Construct } from 'constructs';
import { LambdaEventSourceMapping } from '@cdktf/provider-aws/lib/lambda-event-source-mapping';
import { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue';
import type { KinesisEventsModule as KinesisEventsSettings } from '../../../runtime/config';
import type { PolicyStatement } from '../constructs/policy';
import { attachPolicy } from '../constructs/role-policy';
import { DEFAULT_ID } from '../stack';
import type { Kinesis } from './kinesis';
import type { RuleProcessor } from './rule-processor';

/** Properties of {@link KinesisEvents}. */
export interface KinesisEventsProps {
  readonly region: string;
  readonly settings: KinesisEventsSettings;
  readonly kinesis: Kinesis;
  readonly ruleProcessor: RuleProcessor;
  readonly kmsKeyArn: string;
  /** Name of the failure queue. */
  readonly failureQueueName: string;
}

/**
 * Reading a stream as Lambda's event source mapping does (https://docs.aws.amazon.com/lambda/latest/dg/with-kinesis.html).
 * No `kinesis:SubscribeToShard`: that is for enhanced fan-out consumers, which the mapping does not use.
 */
export const KINESIS_READ_ACTIONS = [
  'kinesis:DescribeStream',
  'kinesis:DescribeStreamSummary',
  'kinesis:GetRecords',
  'kinesis:GetShardIterator',
  'kinesis:ListShards',
];

/** The stream feeding the rule processor. */
export class KinesisEvents extends Construct {
  readonly mapping: LambdaEventSourceMapping;
  readonly failureQueue?: SqsQueue;

  constructor(scope: Construct, id: string, props: KinesisEventsProps) {
    super(scope, id);
    const { settings, region, ruleProcessor } = props;
    const stream = props.kinesis.stream;
    const statements: PolicyStatement[] = [
      { Action: KINESIS_READ_ACTIONS, Resource: stream.arn },
      { Action: 'kms:Decrypt', Resource: props.kmsKeyArn },
    ];
    if (settings.on_failure_destination) {
      this.failureQueue = new SqsQueue(this, 'failures', {
        region,
        name: props.failureQueueName,
        messageRetentionSeconds: 1_209_600,
        kmsMasterKeyId: props.kmsKeyArn,
      });
      statements.push(
        { Action: ['sqs:SendMessage', 'sqs:GetQueueAttributes'], Resource: this.failureQueue.arn },
        { Action: 'kms:GenerateDataKey', Resource: props.kmsKeyArn },
      );
    }
    const policy = attachPolicy(this, 'read_stream', ruleProcessor.role, 'kinesis_events', statements);
    this.mapping = new LambdaEventSourceMapping(this, DEFAULT_ID, {
      region,
      eventSourceArn: stream.arn,
      functionName: ruleProcessor.alias.arn,
      startingPosition: settings.starting_position,
      batchSize: settings.batch_size,
      maximumBatchingWindowInSeconds: settings.batching_window_seconds,
      bisectBatchOnFunctionError: settings.bisect_on_error,
      maximumRetryAttempts: settings.maximum_retry_attempts,
      maximumRecordAgeInSeconds: settings.maximum_record_age_seconds,
      functionResponseTypes: ['ReportBatchItemFailures'],
      destinationConfig: this.failureQueue ? { onFailure: { destinationArn: this.failureQueue.arn } } : undefined,
      dependsOn: [policy],
    });
  }
}
