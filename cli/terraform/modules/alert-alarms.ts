/**
 * The `alert_alarms` module: CloudWatch alarms on alert delivery, sent to the account region's monitoring
 * topic. Two read the merger's per-run summary line through metric filters (alerts dead-lettered, age of
 * the most overdue alert); the others read Lambda and SQS metrics.
 */
import { Construct } from 'constructs';
import { CloudwatchLogMetricFilter } from '@cdktf/provider-aws/lib/cloudwatch-log-metric-filter';
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import type { AlertMerger } from './alert-merger';
import type { AlertProcessor } from './alert-processor';

/** `message` of the merger's one summary line per run (runtime/alerts). */
export const MERGER_SUMMARY_MESSAGE = 'alert merger run';
/** Field of the summary line: alerts moved to the dead-letter prefix in this run. */
export const DEAD_LETTERED_FIELD = 'dead_lettered';
/**
 * Field of the summary line: how long, in seconds, the most overdue alert has been due (past its merge window
 * and backoff) without being dispatched. Alerts waiting for their window or backoff never count.
 */
export const OLDEST_AGE_FIELD = 'oldest_overdue_seconds';
/**
 * A due alert not dispatched for 15 minutes is stuck (the merger runs every minute and dispatches every due
 * alert it can): an unreadable record, a spent budget run after run, a table or Lambda problem.
 */
export const ALERT_AGE_THRESHOLD_SECONDS = 900;

/** Properties of {@link AlertAlarms}. */
export interface AlertAlarmsProps {
  readonly region: string;
  /** `<prefix>`: the metric namespace is `StreamAlert/<prefix>`. */
  readonly prefix: string;
  readonly merger: AlertMerger;
  readonly processor: AlertProcessor;
  /** ARN of the account region's monitoring topic. */
  readonly topicArn: string;
}

/** One alarm of this module. */
interface AlarmSpec {
  readonly id: string;
  readonly description: string;
  readonly namespace: string;
  readonly metric: string;
  readonly statistic: 'Sum' | 'Maximum';
  readonly dimensions?: Record<string, string>;
  readonly threshold: number;
}

/** Metric filter pattern of one numeric field of the merger's summary line. */
export function summaryPattern(field: string): string {
  return `{ ($.message = "${MERGER_SUMMARY_MESSAGE}") && ($.${field} >= 0) }`;
}

/** Alarms on alert delivery. */
export class AlertAlarms extends Construct {
  constructor(scope: Construct, id: string, props: AlertAlarmsProps) {
    super(scope, id);
    const { region, merger, processor } = props;
    const namespace = `StreamAlert/${props.prefix}`;
    const filters = [
      { id: 'dead_lettered_filter', field: DEAD_LETTERED_FIELD, metric: 'AlertsDeadLettered' },
      { id: 'alert_age_filter', field: OLDEST_AGE_FIELD, metric: 'OldestOverdueAlertSeconds' },
    ];
    for (const filter of filters) {
      new CloudwatchLogMetricFilter(this, filter.id, {
        region,
        name: `${merger.fn.functionName}_${filter.field}`,
        logGroupName: merger.fn.logGroup.name,
        pattern: summaryPattern(filter.field),
        metricTransformation: { name: filter.metric, namespace, value: `$.${filter.field}`, unit: filter.field === OLDEST_AGE_FIELD ? 'Seconds' : 'Count' },
      });
    }
    const specs: AlarmSpec[] = [
      { id: 'merger_errors', description: 'alert merger invocations failed', namespace: 'AWS/Lambda', metric: 'Errors', statistic: 'Sum', dimensions: { FunctionName: merger.fn.functionName }, threshold: 0 },
      { id: 'processor_errors', description: 'alert processor invocations failed', namespace: 'AWS/Lambda', metric: 'Errors', statistic: 'Sum', dimensions: { FunctionName: processor.fn.functionName }, threshold: 0 },
      { id: 'dead_lettered', description: 'alerts were dead-lettered: outputs never got them (see alerts/dead-letter/ in the data bucket)', namespace, metric: 'AlertsDeadLettered', statistic: 'Sum', threshold: 0 },
      { id: 'alert_age', description: `an alert was due (past its merge window and backoff) and not dispatched for more than ${ALERT_AGE_THRESHOLD_SECONDS} s`, namespace, metric: 'OldestOverdueAlertSeconds', statistic: 'Maximum', threshold: ALERT_AGE_THRESHOLD_SECONDS },
      { id: 'processor_failures', description: 'asynchronous alert processor invocations failed every retry (see the failure queue)', namespace: 'AWS/SQS', metric: 'ApproximateNumberOfMessagesVisible', statistic: 'Maximum', dimensions: { QueueName: processor.failureQueue.name }, threshold: 0 },
    ];
    for (const spec of specs) {
      new CloudwatchMetricAlarm(this, spec.id, {
        region,
        alarmName: `${props.prefix}_streamalert_${spec.id}`,
        alarmDescription: `StreamAlert: ${spec.description}`,
        namespace: spec.namespace,
        metricName: spec.metric,
        statistic: spec.statistic,
        dimensions: spec.dimensions,
        comparisonOperator: 'GreaterThanThreshold',
        threshold: spec.threshold,
        evaluationPeriods: 1,
        period: 300,
        treatMissingData: 'notBreaching',
        alarmActions: [props.topicArn],
        okActions: [props.topicArn],
      });
    }
  }
}
