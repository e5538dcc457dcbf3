import { AwsConfigMatcher, py, rule } from '../../../runtime/rules';

/**
 * Config rules to alert on, by name; empty means every Config rule. Fill it in when some Config rules are
 * too noisy to page on.
 */
const RULES_TO_ALERT_ON: readonly string[] = [];

/** An AWS Config rule evaluated at least one resource as NON_COMPLIANT. */
rule<'cloudtrail:events'>({
  logs: ['cloudtrail:events'],
  matchers: [AwsConfigMatcher.is_config_compliance],
  outputs: ['aws-firehose:alerts'],
  severity: 'low',
})(function config_compliance(rec) {
  const evaluations = py.iterate(py.item(py.item(rec, 'requestParameters'), 'evaluations'));
  const nonCompliant = evaluations.some((evaluation) => py.eq(py.item(evaluation, 'complianceType'), 'NON_COMPLIANT'));
  if (RULES_TO_ALERT_ON.length === 0) return nonCompliant;
  const ruleName = py.item(py.item(rec, 'additionalEventData'), 'configRuleName');
  return py.contains(RULES_TO_ALERT_ON, ruleName) && nonCompliant;
});

/** AWS Config ran an SSM automation to remediate a resource. */
rule<'cloudtrail:events'>({
  logs: ['cloudtrail:events'],
  matchers: [AwsConfigMatcher.is_auto_remediation],
  outputs: ['aws-firehose:alerts'],
  severity: 'low',
})(function config_auto_remediation() {
  return true;
});
