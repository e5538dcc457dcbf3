import { describe, expect, it } from '@jest/globals';
import { expandHelper, fillTimeHelpers } from '../../../../cli/testing/time-helpers';

const NOW = Date.parse('2026-03-01T12:00:00.000Z');
const seconds = (ms: number) => String(Math.floor(ms / 1000));

describe('fixture time helpers', () => {
  it.each([
    ['<helper:last_hour>', seconds(NOW - 60_000)],
    ['<helper:last_hour:ms>', String(NOW - 60_000)],
    ['<helper:last_hour:iso>', '2026-03-01T11:59:00.000Z'],
    ['<helper:now>', seconds(NOW)],
    ['<helper:now:ms>', String(NOW)],
    ['<helper:now:iso>', '2026-03-01T12:00:00.000Z'],
    ['<helper:last_day>', seconds(NOW - 3_600_000)],
    ['<helper:last_day:ms>', String(NOW - 3_600_000)],
    ['<helper:last_day:iso>', '2026-03-01T11:00:00.000Z'],
    ['<helper:minutes_ago:5>', seconds(NOW - 300_000)],
    ['<helper:minutes_ago:5:ms>', String(NOW - 300_000)],
    ['<helper:minutes_ago:90:iso>', '2026-03-01T10:30:00.000Z'],
  ])('replaces %s with %s', (placeholder, expected) => {
    expect(fillTimeHelpers(placeholder, NOW).value).toBe(expected);
  });

  it('replaces helpers anywhere: nested objects, lists, and inside longer strings', () => {
    const data = { a: { b: ['<helper:now>', { c: 'at <helper:now:iso> exactly' }] }, n: 3 };
    expect(fillTimeHelpers(data, NOW).value).toEqual({
      a: { b: [seconds(NOW), { c: 'at 2026-03-01T12:00:00.000Z exactly' }] },
      n: 3,
    });
  });

  it.each(['<helper:yesterday>', '<helper:minutes_ago>', '<helper:minutes_ago:x>', '<helper:now:5>'])(
    'reports the unknown helper %s and leaves it unchanged',
    (placeholder) => {
      const filled = fillTimeHelpers({ t: placeholder }, NOW);
      expect(filled).toEqual({ value: { t: placeholder }, unknown: [placeholder] });
    },
  );

  it('gives undefined for a name that is not a helper', () => {
    expect(expandHelper('tomorrow', '', NOW)).toBeUndefined();
  });
});
