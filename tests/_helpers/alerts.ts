/** Alerts for tests: a complete alert with overridable fields. */
import type { Alert } from '../../runtime/rules/types';

/** An alert of rule `rule_name` with id `alert_id`; every other field has a plain value unless given. */
export function makeAlert(overrides: Partial<Alert> & Pick<Alert, 'alert_id'>): Alert {
  return {
    rule_name: 'test_rule',
    rule_description: 'a test rule',
    severity: 'high',
    title: 'test alert',
    log_type: 'cloudwatch:events',
    log_source: { service: 'kinesis', resource: 'prefix_prod_streamalert' },
    cluster: 'prod',
    record: { user: 'alice', action: 'login', nested: { a: 1, b: '' } },
    outputs: ['aws-s3:bucket', 'aws-sns:topic'],
    context: {},
    merge_by_keys: [],
    merge_window_mins: 0,
    created: '2026-01-01T00:00:00.000Z',
    ...overrides,
  };
}
