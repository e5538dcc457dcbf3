import { rule } from '../../../runtime/rules';

/** One principal sent Run Command to 5 or more different instances within 10 minutes (or to 5 in one call). */
rule<'cloudtrail:events' | 'cloudtrail:cloudwatch_logs'>({
  logs: ['cloudtrail:events', 'cloudtrail:cloudwatch_logs'],
  outputs: ['slack:security-alerts'],
  severity: 'high',
  attack: ['T1651'],
  threshold: { count: 5, within: '10m', by: ['userIdentity.arn'], distinct: 'requestParameters.instanceIds' },
})(function aws_ssm_send_command_many_instances(rec) {
  return rec.eventSource === 'ssm.amazonaws.com' && rec.eventName === 'SendCommand' && !rec.errorCode;
});
