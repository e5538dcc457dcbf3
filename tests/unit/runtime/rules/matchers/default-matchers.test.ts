import { describe, expect, it } from '@jest/globals';
import { AwsConfigMatcher, AwsGuardDutyMatcher, OsqueryMatcher, type Matcher } from '../../../../../runtime/rules';
import { classified } from '../_records';

/** A matcher's decision, with StreamAlert's rule of "an exception is no match". */
function decide(m: Matcher<never>, record: Record<string, unknown>): boolean {
  try {
    return (m as Matcher<Record<string, unknown>>)(record, classified('x', record)) === true;
  } catch {
    return false;
  }
}

const login = (columns: Record<string, unknown>, name = 'pack_incident-response_last') => ({ name, action: 'added', columns });

describe("StreamAlert's default matchers", () => {
  it('keep their StreamAlert names', () => {
    expect([
      AwsGuardDutyMatcher.guard_duty.name,
      OsqueryMatcher.added.name,
      OsqueryMatcher.user_login.name,
      AwsConfigMatcher.is_config_compliance.name,
      AwsConfigMatcher.is_auto_remediation.name,
    ]).toEqual(['guard_duty', 'added', 'user_login', 'is_config_compliance', 'is_auto_remediation']);
  });

  it.each([
    ['a GuardDuty finding', AwsGuardDutyMatcher.guard_duty, { 'detail-type': 'GuardDuty Finding' }, true],
    ['another CloudWatch event', AwsGuardDutyMatcher.guard_duty, { 'detail-type': 'AWS API Call via CloudTrail' }, false],
    ['an added row', OsqueryMatcher.added, { action: 'added' }, true],
    ['a removed row', OsqueryMatcher.added, { action: 'removed' }, false],
    ['a login (type "7")', OsqueryMatcher.user_login, login({ type: '7', username: 'kim' }), true],
    ['a login (type 7 as a number)', OsqueryMatcher.user_login, login({ type: 7, username: 'kim' }), true],
    ['a runlevel entry', OsqueryMatcher.user_login, login({ type: '7', username: 'runlevel' }), false],
    ['a reboot entry', OsqueryMatcher.user_login, login({ type: '7', username: 'reboot' }), false],
    ['a logout (type 8)', OsqueryMatcher.user_login, login({ type: '8', username: 'kim' }), false],
    ['another pack', OsqueryMatcher.user_login, login({ type: '7', username: 'kim' }, 'pack_other_last'), false],
    ['a row without a type', OsqueryMatcher.user_login, login({ username: 'kim' }), false],
    ['a compliance result', AwsConfigMatcher.is_config_compliance, { eventSource: 'config.amazonaws.com', eventName: 'PutEvaluations', requestParameters: { testMode: false } }, true],
    ['a compliance test run', AwsConfigMatcher.is_config_compliance, { eventSource: 'config.amazonaws.com', eventName: 'PutEvaluations', requestParameters: { testMode: true } }, false],
    ['compliance without testMode', AwsConfigMatcher.is_config_compliance, { eventSource: 'config.amazonaws.com', eventName: 'PutEvaluations', requestParameters: {} }, false],
    ['a remediation', AwsConfigMatcher.is_auto_remediation, { eventName: 'StartAutomationExecution', eventSource: 'ssm.amazonaws.com', sourceIPAddress: 'config.amazonaws.com' }, true],
    ['an automation started by a person', AwsConfigMatcher.is_auto_remediation, { eventName: 'StartAutomationExecution', eventSource: 'ssm.amazonaws.com', sourceIPAddress: '203.0.113.9' }, false],
  ])('decide %s as StreamAlert does', (_what, m, record, expected) => {
    expect(decide(m, record)).toBe(expected);
  });
});
