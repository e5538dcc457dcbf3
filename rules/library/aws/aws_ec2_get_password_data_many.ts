import { rule } from '../../../runtime/rules';

/** One principal asked for the administrator password of 5 or more instances within 10 minutes. */
rule<'cloudtrail:events' | 'cloudtrail:cloudwatch_logs'>({
  logs: ['cloudtrail:events', 'cloudtrail:cloudwatch_logs'],
  outputs: ['slack:security-alerts'],
  severity: 'high',
  attack: ['T1552'],
  threshold: { count: 5, within: '10m', by: ['userIdentity.arn'], distinct: 'requestParameters.instanceId' },
})(function aws_ec2_get_password_data_many(rec) {
  return rec.eventSource === 'ec2.amazonaws.com' && rec.eventName === 'GetPasswordData';
});
