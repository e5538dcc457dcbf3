/** StreamAlert's AWS matchers (`matchers/default.py`): GuardDuty findings and AWS Config events. */
import { matcher } from '../rule';
import * as py from '../helpers/python';
import type { Matcher } from '../types';

/** Fields the GuardDuty matcher reads (a CloudWatch event). */
export interface CloudWatchEventFields {
  readonly 'detail-type'?: unknown;
}

/** Fields the AWS Config matchers read (a CloudTrail event). */
export interface ConfigEventFields {
  readonly eventSource?: unknown;
  readonly eventName?: unknown;
  readonly sourceIPAddress?: unknown;
  readonly requestParameters?: unknown;
}

/** Matchers for Amazon GuardDuty (StreamAlert's `AwsGuardDutyMatcher`). */
export const AwsGuardDutyMatcher: { readonly guard_duty: Matcher<CloudWatchEventFields> } = {
  /** The CloudWatch event is a GuardDuty finding. */
  guard_duty: matcher(function guard_duty(rec: CloudWatchEventFields) {
    return py.eq(py.item(rec, 'detail-type'), 'GuardDuty Finding');
  }),
};

/** Matchers for AWS Config (StreamAlert's `AwsConfigMatcher`). */
export const AwsConfigMatcher: {
  readonly is_config_compliance: Matcher<ConfigEventFields>;
  readonly is_auto_remediation: Matcher<ConfigEventFields>;
} = {
  /** AWS Config recorded compliance results (`PutEvaluations`), outside test mode. */
  is_config_compliance: matcher(function is_config_compliance(rec: ConfigEventFields) {
    return (
      py.eq(py.item(rec, 'eventSource'), 'config.amazonaws.com') &&
      py.eq(py.item(rec, 'eventName'), 'PutEvaluations') &&
      !py.truthy(py.item(py.item(rec, 'requestParameters'), 'testMode'))
    );
  }),
  /** AWS Config started an SSM automation (an auto-remediation). */
  is_auto_remediation: matcher(function is_auto_remediation(rec: ConfigEventFields) {
    return (
      py.eq(py.item(rec, 'eventName'), 'StartAutomationExecution') &&
      py.eq(py.item(rec, 'eventSource'), 'ssm.amazonaws.com') &&
      py.eq(py.item(rec, 'sourceIPAddress'), 'config.amazonaws.com')
    );
  }),
};
