import { isIpAddress, rule } from '../../../runtime/rules';

/**
 * The role session of an EC2 instance (its session name is the instance id) made calls from two or more source
 * addresses within an hour: its credentials were taken off the instance. Calls AWS services make for the
 * instance show a service name instead of an address and are left out.
 */
rule<'cloudtrail:events' | 'cloudtrail:cloudwatch_logs'>({
  logs: ['cloudtrail:events', 'cloudtrail:cloudwatch_logs'],
  outputs: ['pagerduty-v2:security-oncall'],
  severity: 'critical',
  attack: ['T1552.005', 'T1078.004'],
  threshold: { count: 2, within: '1h', by: ['userIdentity.arn'], distinct: 'sourceIPAddress' },
})(function aws_instance_credentials_used_elsewhere(rec) {
  const identity = (rec.userIdentity ?? {}) as { type?: string; arn?: string };
  return identity.type === 'AssumedRole' && /\/i-[0-9a-f]{8,17}$/.test(identity.arn ?? '') && isIpAddress(rec.sourceIPAddress);
});
