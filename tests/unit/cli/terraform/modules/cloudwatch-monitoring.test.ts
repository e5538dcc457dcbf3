import { determineAlarms } from '../../../../../cli/terraform/modules/cloudwatch-monitoring';
import { resourcesWith } from '../helpers';

const alarm = (threshold: number, enabled = true) => ({ enabled, threshold, evaluation_periods: 1, period_seconds: 120 });
const settings = {
  enabled: true,
  lambda_alarms_enabled: true,
  kinesis_alarms_enabled: true,
  lambda_errors: alarm(0),
  lambda_throttles: alarm(0, false),
  lambda_iterator_age: alarm(1_000_000),
  kinesis_write_throughput_exceeded: alarm(0),
  kinesis_iterator_age: alarm(1_000_000),
};

describe('cloudwatch_monitoring module', () => {
  it.each([
    ['with a stream', { streamName: 's' }, ['lambda_errors', 'lambda_iterator_age', 'kinesis_write_throughput_exceeded', 'kinesis_iterator_age']],
    ['without a stream', {}, ['lambda_errors', 'lambda_iterator_age']],
    ['with Lambda alarms off', { streamName: 's', settings: { ...settings, lambda_alarms_enabled: false } }, ['kinesis_write_throughput_exceeded', 'kinesis_iterator_age']],
  ])('chooses the enabled alarms %s', (_name, extra, ids) => {
    expect(determineAlarms({ settings, functionName: 'f', ...extra }).map((a) => a.id)).toEqual(ids);
  });

  const r = resourcesWith((v) => {
    v.clusters.prod.modules.cloudwatch_monitoring = { lambda_errors: { threshold: 3, evaluation_periods: 2, period_seconds: 300 }, kinesis_alarms_enabled: false };
  });

  it('alarms on the configured thresholds and notifies the regional monitoring topic', () => {
    expect(r.aws_cloudwatch_metric_alarm.prod_cloudwatch_monitoring_lambda_errors).toEqual(
      expect.objectContaining({
        alarm_name: 'acme_prod_streamalert_rules_lambda_errors',
        namespace: 'AWS/Lambda',
        metric_name: 'Errors',
        dimensions: { FunctionName: 'acme_prod_streamalert_rules' },
        threshold: 3,
        evaluation_periods: 2,
        period: 300,
        alarm_actions: ['${aws_sns_topic.global_us_east_1_monitoring.arn}'],
      }),
    );
    expect(r.aws_cloudwatch_metric_alarm.corp_cloudwatch_monitoring_lambda_errors.alarm_actions).toEqual(['${aws_sns_topic.global_us_west_2_monitoring.arn}']);
  });

  it('watches the stream only when Kinesis alarms are on', () => {
    expect(r.aws_cloudwatch_metric_alarm.prod_cloudwatch_monitoring_kinesis_iterator_age).toBeUndefined();
    expect(r.aws_cloudwatch_metric_alarm.corp_cloudwatch_monitoring_kinesis_iterator_age).toEqual(
      expect.objectContaining({ metric_name: 'GetRecords.IteratorAgeMilliseconds', dimensions: { StreamName: 'acme_corp_streamalert' }, statistic: 'Maximum' }),
    );
  });
});
