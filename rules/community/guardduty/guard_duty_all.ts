import { AwsGuardDutyMatcher, rule } from '../../../runtime/rules';

/** Amazon GuardDuty reported a finding (any finding, any severity). */
rule<'cloudwatch:events'>({
  logs: ['cloudwatch:events'],
  matchers: [AwsGuardDutyMatcher.guard_duty],
  outputs: ['aws-firehose:alerts'],
  severity: 'high',
})(function guard_duty_all() {
  return true;
});
