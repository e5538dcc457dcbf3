import { dispatchPayload } from '../../../../runtime/alerts/dispatch';
import { decodeAlert, encodeAlert } from '../../../../runtime/alerts/item';
import type { Alert } from '../../../../runtime/rules/types';

/** An alert whose record is nested 30,000 levels deep (JSON.stringify overflows the stack on it). */
function deepAlert(): Alert {
  const record = JSON.parse(`{"top":${'{"d":'.repeat(30_000)}1${'}'.repeat(30_000)}}`) as Record<string, unknown>;
  return {
    alert_id: 'id-1',
    rule_name: 'deep_rule',
    rule_description: '',
    severity: 'medium',
    title: 'deep',
    log_type: 'osquery:differential',
    log_source: { service: 'kinesis', resource: 's' },
    cluster: 'prod',
    record,
    outputs: [],
    context: {},
    merge_by_keys: [],
    merge_window_mins: 0,
    created: '2026-12-01T00:00:00.000Z',
  } as unknown as Alert;
}

describe('alerts of deeply nested records', () => {
  it('are encoded for the alerts table and read back whole, where JSON.stringify would overflow the stack', () => {
    const alert = deepAlert();
    expect(() => JSON.stringify(alert.record)).toThrow(RangeError);
    const item = encodeAlert(alert, { ttl: 1 });
    expect(item.Record?.S?.length).toBe('{"top":}'.length + 30_000 * '{"d":}'.length + 1);
    const stored = decodeAlert(item);
    expect(stored.alert.rule_name).toBe('deep_rule');
  });

  it('give a dispatch payload of their key alone, whatever the record holds', () => {
    const alert = deepAlert();
    expect(JSON.parse(dispatchPayload(alert, 1))).toEqual({ key: { rule_name: 'deep_rule', alert_id: alert.alert_id }, attempt: 1 });
  });
});
