/** The alarm on a function's Errors metric, sent to a monitoring topic (apps, scheduled queries, downloader). */
import type { Construct } from 'constructs';
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';

/** Properties of {@link functionErrorsAlarm}. */
export interface FunctionErrorsAlarmProps {
  readonly region: string;
  readonly functionName: string;
  /** Says what failed ("StreamAlert: " is prepended). */
  readonly description: string;
  /** Errors in a period above which the alarm fires. @default 0 */
  readonly threshold?: number;
  readonly evaluationPeriods: number;
  /** Seconds. */
  readonly period: number;
  readonly topicArn: string;
}

/** Declares `<function>_errors` in `scope` under `id`. */
export function functionErrorsAlarm(scope: Construct, id: string, props: FunctionErrorsAlarmProps): CloudwatchMetricAlarm {
  return new CloudwatchMetricAlarm(scope, id, {
    region: props.region,
    alarmName: `${props.functionName}_errors`,
    alarmDescription: `StreamAlert: ${props.description}`,
    namespace: 'AWS/Lambda',
    metricName: 'Errors',
    statistic: 'Sum',
    dimensions: { FunctionName: props.functionName },
    comparisonOperator: 'GreaterThanThreshold',
    threshold: props.threshold ?? 0,
    evaluationPeriods: props.evaluationPeriods,
    period: props.period,
    treatMissingData: 'notBreaching',
    alarmActions: [props.topicArn],
    okActions: [props.topicArn],
  });
}
