/**
 * The `cloudwatch_monitoring` module: alarms on the rule processor (errors, throttles, iterator age)
 * and on the stream (write throughput exceeded, iterator age), sent to the region's monitoring topic.
 */
import { Construct } from 'constructs';
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import type { AlarmSettings, CloudwatchMonitoringModule as MonitoringSettings } from '../../../runtime/config';

/** Properties of {@link CloudwatchMonitoring}. */
export interface CloudwatchMonitoringProps {
  readonly region: string;
  readonly settings: MonitoringSettings;
  readonly functionName: string;
  /** @default no stream alarms */
  readonly streamName?: string;
  /** ARN of the region's monitoring topic. */
  readonly topicArn: string;
}

/** One alarm to declare. */
export interface AlarmSpec {
  readonly id: string;
  readonly namespace: 'AWS/Lambda' | 'AWS/Kinesis';
  readonly metric: string;
  readonly statistic: 'Sum' | 'Maximum';
  readonly dimensions: Readonly<Record<string, string>>;
  readonly settings: AlarmSettings;
  readonly description: string;
}

/** The alarms the settings switch on, in a stable order. */
export function determineAlarms(props: Pick<CloudwatchMonitoringProps, 'settings' | 'functionName' | 'streamName'>): AlarmSpec[] {
  const { settings, functionName, streamName } = props;
  const fn = { FunctionName: functionName };
  const specs: AlarmSpec[] = [];
  if (settings.lambda_alarms_enabled) {
    specs.push(
      { id: 'lambda_errors', namespace: 'AWS/Lambda', metric: 'Errors', statistic: 'Sum', dimensions: fn, settings: settings.lambda_errors, description: 'rule processor invocations failed' },
      { id: 'lambda_throttles', namespace: 'AWS/Lambda', metric: 'Throttles', statistic: 'Sum', dimensions: fn, settings: settings.lambda_throttles, description: 'rule processor invocations were throttled' },
      { id: 'lambda_iterator_age', namespace: 'AWS/Lambda', metric: 'IteratorAge', statistic: 'Maximum', dimensions: fn, settings: settings.lambda_iterator_age, description: 'rule processor is falling behind its stream (ms)' },
    );
  }
  if (settings.kinesis_alarms_enabled && streamName) {
    const stream = { StreamName: streamName };
    specs.push(
      { id: 'kinesis_write_throughput_exceeded', namespace: 'AWS/Kinesis', metric: 'WriteProvisionedThroughputExceeded', statistic: 'Sum', dimensions: stream, settings: settings.kinesis_write_throughput_exceeded, description: 'writers exceed the stream capacity' },
      { id: 'kinesis_iterator_age', namespace: 'AWS/Kinesis', metric: 'GetRecords.IteratorAgeMilliseconds', statistic: 'Maximum', dimensions: stream, settings: settings.kinesis_iterator_age, description: 'records wait in the stream (ms)' },
    );
  }
  return specs.filter((spec) => spec.settings.enabled);
}

/** Alarms of one cluster. */
export class CloudwatchMonitoring extends Construct {
  constructor(scope: Construct, id: string, props: CloudwatchMonitoringProps) {
    super(scope, id);
    for (const spec of determineAlarms(props)) {
      const subject = spec.namespace === 'AWS/Lambda' ? props.functionName : props.streamName;
      new CloudwatchMetricAlarm(this, spec.id, {
        region: props.region,
        alarmName: `${subject}_${spec.id}`,
        alarmDescription: `StreamAlert: ${spec.description}`,
        namespace: spec.namespace,
        metricName: spec.metric,
        statistic: spec.statistic,
        dimensions: { ...spec.dimensions },
        comparisonOperator: 'GreaterThanThreshold',
        threshold: spec.settings.threshold,
        evaluationPeriods: spec.settings.evaluation_periods,
        period: spec.settings.period_seconds,
        treatMissingData: 'notBreaching',
        alarmActions: [props.topicArn],
        okActions: [props.topicArn],
      });
    }
  }
}
