import { decide, type CorrelationEvent, type CorrelationSpec } from '../../../../../runtime/rules/correlation';

const spec = (over: Partial<CorrelationSpec> = {}): CorrelationSpec => ({
  type: 'event_count',
  rules: ['a'],
  group_by: [],
  timespan_ms: 300_000,
  condition: { op: 'gte', count: 3 },
  generate: false,
  ...over,
});
const ev = (id: string, t: number, extra: Partial<CorrelationEvent> = {}): CorrelationEvent => ({ id, t, rule: 'a', ...extra });

describe('correlation decisions', () => {
  it('event_count fires when the count reaches the condition, not before', () => {
    expect(decide(spec(), { events: [ev('1', 0), ev('2', 1)] }, ev('2', 1)).fire).toBe(false);
    expect(decide(spec(), { events: [ev('1', 0), ev('2', 1), ev('3', 2)] }, ev('3', 2))).toMatchObject({ fire: true, again: false });
  });

  it('counts only events within the time span before the new one', () => {
    const events = [ev('1', 0), ev('2', 200_000), ev('3', 400_000)];
    expect(decide(spec(), { events }, ev('3', 400_000)).fire).toBe(false);
  });

  it('counts nothing at or before the last firing, so a group fires once per count', () => {
    const events = [ev('1', 0), ev('2', 1), ev('3', 2), ev('4', 3)];
    expect(decide(spec(), { events, marker: { through: 2, trigger: '3' } }, ev('4', 3)).fire).toBe(false);
  });

  it('gives the same firing again when the event that fired is seen again (a retried batch)', () => {
    const events = [ev('1', 0), ev('2', 1), ev('3', 2)];
    const decision = decide(spec(), { events, marker: { through: 2, trigger: '3' } }, ev('3', 2));
    expect(decision).toMatchObject({ fire: true, again: true });
  });

  it('gt needs one more than the count', () => {
    const events = [ev('1', 0), ev('2', 1), ev('3', 2)];
    expect(decide(spec({ condition: { op: 'gt', count: 3 } }), { events }, ev('3', 2)).fire).toBe(false);
  });

  it('value_count counts distinct values', () => {
    const s = spec({ type: 'value_count', condition: { op: 'gte', count: 2, field: 'user' } });
    expect(decide(s, { events: [ev('1', 0, { values: ['"x"'] }), ev('2', 1, { values: ['"x"'] })] }, ev('2', 1)).fire).toBe(false);
    expect(decide(s, { events: [ev('1', 0, { values: ['"x"'] }), ev('2', 1, { values: ['"y"'] })] }, ev('2', 1)).fire).toBe(true);
    // A field holding a list counts each element.
    expect(decide(s, { events: [ev('1', 0, { values: ['"x"', '"y"'] })] }, ev('1', 0)).fire).toBe(true);
  });

  it('temporal fires when every rule matched within the span, in any order', () => {
    const s = spec({ type: 'temporal', rules: ['a', 'b'] });
    expect(decide(s, { events: [ev('1', 0, { rule: 'b' })] }, ev('1', 0, { rule: 'b' })).fire).toBe(false);
    expect(decide(s, { events: [ev('1', 0, { rule: 'b' }), ev('2', 1)] }, ev('2', 1)).fire).toBe(true);
  });

  it('temporal_ordered fires only when the rules matched in their order', () => {
    const s = spec({ type: 'temporal_ordered', rules: ['a', 'b'] });
    expect(decide(s, { events: [ev('1', 0, { rule: 'b' }), ev('2', 1, { rule: 'a' })] }, ev('2', 1, { rule: 'a' })).fire).toBe(false);
    expect(decide(s, { events: [ev('1', 0, { rule: 'a' }), ev('2', 1, { rule: 'b' })] }, ev('2', 1, { rule: 'b' })).fire).toBe(true);
  });
});
