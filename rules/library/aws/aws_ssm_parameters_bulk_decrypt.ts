import { rule } from '../../../runtime/rules';

/**
 * One principal decrypted 20 or more different SSM SecureString parameters within 10 minutes. Tune `count` for
 * services that load their whole configuration tree at start-up, or exclude their role.
 */
rule<'cloudtrail:events' | 'cloudtrail:cloudwatch_logs'>({
  logs: ['cloudtrail:events', 'cloudtrail:cloudwatch_logs'],
  outputs: ['slack:security-alerts'],
  severity: 'high',
  attack: ['T1555.006', 'T1552'],
  threshold: { count: 20, within: '10m', by: ['userIdentity.arn'], distinct: 'requestParameters.name' },
})(function aws_ssm_parameters_bulk_decrypt(rec) {
  const params = (rec.requestParameters ?? {}) as { withDecryption?: unknown };
  return rec.eventSource === 'ssm.amazonaws.com' && rec.eventName === 'GetParameter' && params.withDecryption === true && !rec.errorCode;
});
