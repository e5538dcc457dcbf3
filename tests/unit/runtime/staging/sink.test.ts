/** The staging sink around the alerts sink: cached state reads, rewriting, counting, and failures. */
import { createCapturingAlertSink } from '../../../../runtime/alerts';
import { createStagingAlertSink, RulesTableError, type RuleStagingState } from '../../../../runtime/staging';
import { makeAlert } from '../../../_helpers/alerts';

function fakeTable(staged: readonly string[]) {
  const reads: string[][] = [];
  const added: [string, number][] = [];
  let failing = false;
  return {
    reads,
    added,
    fail: () => void (failing = true),
    getMany: async (names: readonly string[]) => {
      if (failing) throw new RulesTableError('rules table t: BatchGetItem failed: throttled');
      reads.push([...names]);
      return new Map<string, RuleStagingState>(names.filter((n) => staged.includes(n)).map((n) => [n, { rule_name: n, staged: true, alert_count: 0 }]));
    },
    addAlerts: async (rule: string, count: number) => void added.push([rule, count]),
  };
}

describe('staging alert sink', () => {
  it('rewrites only the staged rule\'s alerts and counts them once stored', async () => {
    const inner = createCapturingAlertSink();
    const table = fakeTable(['new_rule']);
    const sink = createStagingAlertSink({ inner, table, cacheSeconds: 60, now: () => 0 });
    sink.add(makeAlert({ alert_id: 'a', rule_name: 'new_rule', outputs: ['slack:sec'] }));
    sink.add(makeAlert({ alert_id: 'b', rule_name: 'new_rule', outputs: ['slack:sec'] }));
    sink.add(makeAlert({ alert_id: 'c', rule_name: 'old_rule', outputs: ['slack:sec'] }));
    expect(sink.pending()).toBe(3);
    await sink.flush();
    expect(inner.alerts.map((a) => [a.alert_id, a.outputs, a.staged ?? false])).toEqual([
      ['a', ['aws-firehose:alerts'], true],
      ['b', ['aws-firehose:alerts'], true],
      ['c', ['slack:sec'], false],
    ]);
    expect(table.added).toEqual([['new_rule', 2]]);
  });

  it('reads a rule\'s state once per cache period', async () => {
    let clock = 0;
    const table = fakeTable([]);
    const sink = createStagingAlertSink({ inner: createCapturingAlertSink(), table, cacheSeconds: 60, now: () => clock });
    for (const t of [0, 30_000, 61_000]) {
      clock = t;
      sink.add(makeAlert({ alert_id: 'x', rule_name: 'r' }));
      await sink.flush();
    }
    expect(table.reads).toEqual([['r'], ['r']]);
  });

  it('fails the flush, storing nothing, when the rules table cannot be read', async () => {
    const inner = createCapturingAlertSink();
    const table = fakeTable([]);
    table.fail();
    const sink = createStagingAlertSink({ inner, table, cacheSeconds: 60 });
    sink.add(makeAlert({ alert_id: 'x', rule_name: 'r' }));
    await expect(sink.flush()).rejects.toThrow(/BatchGetItem failed/);
    expect(inner.alerts).toEqual([]);
    expect(sink.pending()).toBe(1);
  });
});
