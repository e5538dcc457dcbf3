import { rule } from '../../../runtime/rules';

/**
 * One principal read 20 or more different Secrets Manager secrets within 10 minutes: credential harvesting
 * after a compromise. Tune `count` up for deployment tooling that reads many secrets at start-up, or exclude its
 * role by ARN.
 */
rule<'cloudtrail:events' | 'cloudtrail:cloudwatch_logs'>({
  logs: ['cloudtrail:events', 'cloudtrail:cloudwatch_logs'],
  outputs: ['slack:security-alerts'],
  severity: 'high',
  attack: ['T1555.006'],
  threshold: { count: 20, within: '10m', by: ['userIdentity.arn'], distinct: 'requestParameters.secretId' },
})(function aws_secretsmanager_bulk_read(rec) {
  return rec.eventSource === 'secretsmanager.amazonaws.com' && rec.eventName === 'GetSecretValue' && !rec.errorCode;
});
