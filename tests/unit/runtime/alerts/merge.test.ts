import { commonValues, differingValues, mergeAlerts, mergedAlertId, mergeGroups, mergeKeyValue } from '../../../../runtime/alerts/merge';
import type { Alert } from '../../../../runtime/rules';
import { makeAlert } from '../../../_helpers/alerts';

const T0 = Date.parse('2026-01-01T00:00:00Z');
const at = (minutes: number): string => new Date(T0 + minutes * 60_000).toISOString();

/** An alert waiting for merging by `user` in a 10-minute window, created `minutes` after T0. */
function waiting(id: string, minutes: number, record: Record<string, unknown>): Alert {
  return makeAlert({ alert_id: id, created: at(minutes), record, merge_by_keys: ['user'], merge_window_mins: 10 });
}

describe('alert merging', () => {
  it('merges N alerts of one key value within the window into one alert with count, window, common and differing values', () => {
    const alerts = [
      waiting('a', 0, { user: 'alice', host: 'h1', detail: { region: 'us-east-1', ip: '1.1.1.1' } }),
      waiting('b', 3, { user: 'alice', host: 'h2', detail: { region: 'us-east-1', ip: '2.2.2.2' } }),
      waiting('c', 9, { user: 'alice', host: 'h1', detail: { region: 'us-east-1', ip: '3.3.3.3' } }),
    ];
    const groups = mergeGroups(alerts, new Date(T0 + 11 * 60_000), 50);
    expect(groups.map((g) => g.map((a) => a.alert_id))).toEqual([['a', 'b', 'c']]);
    const merged = mergeAlerts(groups[0]);
    expect(merged.record).toEqual({
      AlertCount: 3,
      AlertTimeFirst: at(0),
      AlertTimeLast: at(9),
      MergeWindowMins: 10,
      MergedBy: { user: 'alice' },
      OtherCommonKeys: { detail: { region: 'us-east-1' } },
      ValueDiffs: {
        [at(0)]: { host: 'h1', detail: { ip: '1.1.1.1' } },
        [at(3)]: { host: 'h2', detail: { ip: '2.2.2.2' } },
        [at(9)]: { host: 'h1', detail: { ip: '3.3.3.3' } },
      },
      AlertIDs: ['a', 'b', 'c'],
    });
    expect(merged).toMatchObject({ rule_name: 'test_rule', merge_by_keys: [], merge_window_mins: 0, alert_id: mergedAlertId(alerts) });
  });

  it('keeps alerts outside the window of the oldest in a later group', () => {
    const alerts = [waiting('a', 0, { user: 'alice' }), waiting('b', 10, { user: 'alice' }), waiting('c', 11, { user: 'alice' })];
    const groups = mergeGroups(alerts, new Date(T0 + 30 * 60_000), 50);
    // 10 minutes after the oldest is still within its window; 11 is not.
    expect(groups.map((g) => g.map((a) => a.alert_id))).toEqual([['a', 'b'], ['c']]);
  });

  it('keeps alerts with other merge-key values apart', () => {
    const alerts = [waiting('a', 0, { user: 'alice' }), waiting('b', 1, { user: 'bob' }), waiting('c', 2, { user: 'alice' }), waiting('d', 3, { other: 1 })];
    const groups = mergeGroups(alerts, new Date(T0 + 20 * 60_000), 50);
    expect(groups.map((g) => g.map((a) => a.alert_id))).toEqual([['a', 'c'], ['b'], ['d']]);
  });

  it('waits while the oldest window is still open', () => {
    const alerts = [waiting('a', 0, { user: 'alice' }), waiting('b', 1, { user: 'alice' }), waiting('c', 8, { user: 'bob' })];
    expect(mergeGroups(alerts, new Date(T0 + 9 * 60_000), 50)).toEqual([]);
    // At 10 minutes the alice window has closed; bob's (from minute 8) is still open.
    expect(mergeGroups(alerts, new Date(T0 + 10 * 60_000), 50).map((g) => g.map((a) => a.alert_id))).toEqual([['a', 'b']]);
  });

  it('respects the group cap: the rest starts a new group', () => {
    const alerts = Array.from({ length: 7 }, (_, i) => waiting(`a${i}`, i, { user: 'alice', n: i }));
    const groups = mergeGroups(alerts, new Date(T0 + 60 * 60_000), 3);
    expect(groups.map((g) => g.length)).toEqual([3, 3, 1]);
    expect(mergeAlerts(groups[0]).record.AlertCount).toBe(3);
  });

  it.each([
    ['a top-level key', { user: 'x' }, 'user', 'x'],
    ['the first key of that name at any depth', { detail: { user: 'y' }, other: { deeper: { user: 'z' } } }, 'user', 'y'],
    ['a dotted path', { detail: { user: 'y' } }, 'detail.user', 'y'],
    ['a missing key', { a: 1 }, 'user', undefined],
  ])('reads a merge key as %s', (_name, record, key, expected) => {
    expect(mergeKeyValue(record, key)).toEqual(expected);
  });

  it('finds common and differing values in nested records', () => {
    const records = [
      { a: 1, n: { x: 1, y: 2 }, list: [1, 2] },
      { a: 1, n: { x: 1, y: 3 }, list: [1, 2], extra: true },
    ];
    const common = commonValues(records);
    expect(common).toEqual({ a: 1, n: { x: 1 }, list: [1, 2] });
    expect(differingValues(common, records[1])).toEqual({ n: { y: 3 }, extra: true });
  });

  it('gives a group the same merged id whatever the order, so a retried run makes the same alert', () => {
    const a = waiting('a', 0, { user: 'alice' });
    const b = waiting('b', 1, { user: 'alice' });
    expect(mergedAlertId([a, b])).toBe(mergedAlertId([b, a]));
    expect(mergedAlertId([a, b])).not.toBe(mergedAlertId([a]));
  });
});
