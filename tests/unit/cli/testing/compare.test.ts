import { describe, expect, it } from '@jest/globals';
import { judge } from '../../../../cli/testing/compare';
import type { TestEvent } from '../../../../cli/testing/types';

const EVENT: TestEvent = {
  file: 'f.json',
  index: 0,
  format: 'v3',
  description: 'd',
  log: 'x:y',
  service: 'kinesis',
  source: 's',
  data: {},
  expectedRules: ['a', 'b'],
  classifyOnly: false,
  compress: false,
  lookupTables: {},
};
const none = new Set<string>();

describe('judging a test event', () => {
  it('passes when the log type and the set of rules match', () => {
    expect(judge(EVENT, { logTypes: ['x:y'], alertRules: ['b', 'a', 'a'], problems: [] }, none).passed).toBe(true);
  });

  it('names missing and unexpected rules', () => {
    const result = judge(EVENT, { logTypes: ['x:y'], alertRules: ['a', 'c'], problems: [] }, none);
    expect([result.passed, result.missingRules, result.unexpectedRules]).toEqual([false, ['b'], ['c']]);
  });

  it('leaves disabled rules out of the expected set and lists them', () => {
    const result = judge(EVENT, { logTypes: ['x:y'], alertRules: ['a'], problems: [] }, new Set(['b']));
    expect([result.passed, result.expectedRules, result.disabledRules]).toEqual([true, ['a'], ['b']]);
  });

  it('fails a record classified as another type, or not classified, with the reason', () => {
    expect(judge(EVENT, { logTypes: ['x:z'], alertRules: ['a', 'b'], problems: [] }, none).reasons).toEqual(['classified as x:z, expected x:y']);
    expect(judge(EVENT, { logTypes: [], alertRules: [], problems: ['no schema'] }, none).reasons[0]).toBe('not classified: no schema');
  });

  it('checks only the log type for classify-only events', () => {
    expect(judge({ ...EVENT, classifyOnly: true }, { logTypes: ['x:y'], alertRules: [], problems: [] }, none).passed).toBe(true);
  });

  it.each([
    [true, undefined, [], false],
    [true, undefined, ['a'], true],
    [true, 2, ['a'], false],
    [false, undefined, ['a'], false],
    [false, undefined, [], true],
  ])('judges a 1.x trigger=%p trigger_count=%p with alerts %p as passed=%p', (trigger, count, alerts, passed) => {
    const event: TestEvent = { ...EVENT, format: '1.x', expectedRules: undefined, expectTrigger: trigger, triggerCount: count };
    expect(judge(event, { logTypes: ['x:y'], alertRules: alerts, problems: [] }, none).passed).toBe(passed);
  });
});

describe('judging a test event whose rules threw', () => {
  it('fails the test and gives the exception as a reason', () => {
    const result = judge({ ...EVENT, expectedRules: [] }, { logTypes: ['x:y'], alertRules: [], problems: [], ruleErrors: ['rule a: rule threw; counted as no match: boom'] }, new Set());
    expect([result.passed, result.reasons]).toEqual([false, ['rule a: rule threw; counted as no match: boom']]);
  });
});
