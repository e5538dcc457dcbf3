/**
 * What keeps a rule processor's failures visible and replayable:
 * - an event invoke config on the `production` alias for asynchronous sources (S3, SNS): two retries, then
 *   the event goes to an encrypted on-failure queue (`<function>_failed`) instead of being dropped;
 * - an alarm on every failure queue of the cluster (that one, and the Kinesis mapping's);
 * - metric filters on the function's "batch processed" log line (records, unclassified, failed reads and
 *   records, reads retried, alerts, Firehose failures, dead letters), as StreamAlert's monitoring had, with
 *   alarms on the counts that mean data needs attention.
 */
import { Construct } from 'constructs';
import { CloudwatchLogMetricFilter } from '@cdktf/provider-aws/lib/cloudwatch-log-metric-filter';
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { LambdaFunctionEventInvokeConfig } from '@cdktf/provider-aws/lib/lambda-function-event-invoke-config';
import { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue';
import { PRODUCTION_ALIAS } from '../../../runtime/config/names';
import { attachPolicy } from '../constructs/role-policy';
import type { RuleProcessor } from './rule-processor';

/** Properties of {@link RuleProcessorReliability}. */
export interface RuleProcessorReliabilityProps {
  readonly region: string;
  readonly functionName: string;
  readonly ruleProcessor: RuleProcessor;
  readonly kmsKeyArn: string;
  /** ARN of the region's monitoring topic. */
  readonly topicArn: string;
  /** Other failure queues of the cluster to alarm on (the Kinesis mapping's). @default none */
  readonly otherFailureQueues?: readonly SqsQueue[];
}

/** Namespace of the metrics taken from the rule processor's log. */
export const METRIC_NAMESPACE = 'StreamAlert';

/** One metric read from the "batch processed" line: its name, the count it sums, and whether it alarms. */
export interface BatchMetric {
  readonly name: string;
  readonly field: string;
  readonly alarm: boolean;
}

/** The metrics of the "batch processed" line, in a stable order. */
export const BATCH_METRICS: readonly BatchMetric[] = [
  { name: 'Records', field: 'records', alarm: false },
  { name: 'RecordsClassified', field: 'records_classified', alarm: false },
  { name: 'Unclassified', field: 'unclassified', alarm: false },
  { name: 'FailedReads', field: 'failed_reads', alarm: true },
  { name: 'FailedRecords', field: 'failed_records', alarm: true },
  { name: 'RetriedReads', field: 'retried_reads', alarm: false },
  { name: 'Alerts', field: 'alerts', alarm: false },
  { name: 'FirehoseFailed', field: 'firehose_failed', alarm: true },
  { name: 'DeadLettered', field: 'dead_lettered', alarm: true },
];

/** Async retries and on-failure destination, failure-queue alarms and log metrics of one rule processor. */
export class RuleProcessorReliability extends Construct {
  readonly failureQueue: SqsQueue;

  constructor(scope: Construct, id: string, props: RuleProcessorReliabilityProps) {
    super(scope, id);
    const { region, functionName, ruleProcessor } = props;
    this.failureQueue = new SqsQueue(this, 'failures', {
      region,
      name: `${functionName}_failed`,
      messageRetentionSeconds: 1_209_600,
      kmsMasterKeyId: props.kmsKeyArn,
    });
    // Lambda sends the failed event with the function's role; the queue is encrypted with the project key.
    const send = attachPolicy(this, 'send_failures', ruleProcessor.role, 'async_failures', [
      { Action: 'sqs:SendMessage', Resource: this.failureQueue.arn },
      { Action: ['kms:GenerateDataKey', 'kms:Decrypt'], Resource: props.kmsKeyArn, Condition: { StringEquals: { 'kms:ViaService': `sqs.${region}.amazonaws.com` } } },
    ]);
    new LambdaFunctionEventInvokeConfig(this, 'async', {
      region,
      functionName,
      qualifier: PRODUCTION_ALIAS,
      maximumRetryAttempts: 2,
      maximumEventAgeInSeconds: 21_600,
      destinationConfig: { onFailure: { destination: this.failureQueue.arn } },
      dependsOn: [send, ruleProcessor.alias],
    });
    for (const [index, queue] of [this.failureQueue, ...(props.otherFailureQueues ?? [])].entries()) {
      new CloudwatchMetricAlarm(this, index === 0 ? 'failures_alarm' : `failures_alarm_${index}`, {
        region,
        alarmName: `${functionName}_failure_queue_${index === 0 ? 'async' : `${index}`}`,
        alarmDescription: `StreamAlert: events the rule processor gave up on wait in ${index === 0 ? 'its on-failure queue' : 'a failure queue'} for replay`,
        namespace: 'AWS/SQS',
        metricName: 'ApproximateNumberOfMessagesVisible',
        statistic: 'Maximum',
        dimensions: { QueueName: queue.name },
        comparisonOperator: 'GreaterThanThreshold',
        threshold: 0,
        evaluationPeriods: 1,
        period: 300,
        treatMissingData: 'notBreaching',
        alarmActions: [props.topicArn],
        okActions: [props.topicArn],
      });
    }
    for (const metric of BATCH_METRICS) {
      new CloudwatchLogMetricFilter(this, `metric_${metric.field}`, {
        region,
        name: `${functionName}_${metric.field}`,
        logGroupName: ruleProcessor.logGroup.name,
        pattern: '{ $.message = "batch processed" }',
        metricTransformation: {
          namespace: METRIC_NAMESPACE,
          name: metric.name,
          value: `$.counts.${metric.field}`,
          unit: 'Count',
          dimensions: { FunctionName: '$.function' },
        },
      });
      if (!metric.alarm) continue;
      new CloudwatchMetricAlarm(this, `alarm_${metric.field}`, {
        region,
        alarmName: `${functionName}_${metric.field}`,
        alarmDescription: `StreamAlert: the rule processor reported ${metric.field.replace(/_/g, ' ')} (see its "batch processed" lines and the dead-letter prefix)`,
        namespace: METRIC_NAMESPACE,
        metricName: metric.name,
        statistic: 'Sum',
        dimensions: { FunctionName: functionName },
        comparisonOperator: 'GreaterThanThreshold',
        threshold: 0,
        evaluationPeriods: 1,
        period: 300,
        treatMissingData: 'notBreaching',
        alarmActions: [props.topicArn],
        okActions: [props.topicArn],
      });
    }
  }
}
