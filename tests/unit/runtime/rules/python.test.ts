import { describe, expect, it } from '@jest/globals';
import { py, RecordShapeError } from '../../../../runtime/rules';

/** The Python exception a call raised, or 'ok'. */
function raised(run: () => unknown): string {
  try {
    run();
    return 'ok';
  } catch (err) {
    return err instanceof RecordShapeError ? err.pythonError : `not a RecordShapeError: ${String(err)}`;
  }
}

describe('Python semantics for ported rules', () => {
  it.each([
    [null, false], [false, false], [0, false], ['', false], [[], false], [{}, false],
    [true, true], [1, true], ['0', true], [[0], true], [{ a: null }, true],
  ])('truthy(%p) is %p, as Python', (value, expected) => {
    expect(py.truthy(value)).toBe(expected);
  });

  it.each([
    [false, 0, true], [true, 1, true], [1, 1.0, true], ['1', 1, false], [null, undefined, true],
    [[1, { a: true }], [1, { a: 1 }], true], [{ a: 1 }, { a: 1, b: 2 }, false], ['x', 'x', true],
  ])('eq(%p, %p) is %p, as Python ==', (a, b, expected) => {
    expect(py.eq(a, b)).toBe(expected);
  });

  it.each([
    ['a missing dict key', () => py.item({}, 'k'), 'KeyError'],
    ['a key of None', () => py.item(null, 'k'), 'TypeError'],
    ['a string key of a list', () => py.item([1], 'k'), 'TypeError'],
    ['an index past the end', () => py.item([1], 3), 'IndexError'],
    ['get() on None', () => py.get(null, 'k'), 'AttributeError'],
    ['a list in a set', () => py.inSet([1], new Set(['a'])), 'TypeError'],
    ['a number in a string', () => py.contains('abc', 1), 'TypeError'],
    ['iterating None', () => py.iterate(null), 'TypeError'],
    ['startswith on a number', () => py.startsWith(5, 'x'), 'AttributeError'],
    ['int() of "7.0"', () => py.int('7.0'), 'ValueError'],
    ['int() of None', () => py.int(null), 'TypeError'],
    ['json.loads of None', () => py.jsonLoads(null), 'TypeError'],
    ['json.loads of bad text', () => py.jsonLoads('{'), 'ValueError'],
    ['> on a string', () => py.number('5'), 'TypeError'],
  ])('raises where Python raises: %s', (_what, run, error) => {
    expect(raised(run)).toBe(error);
  });

  it('reads list indexes from the end and dict values, null kept as null', () => {
    expect(py.item([1, 2, 3], -1)).toBe(3);
    expect(py.item({ k: null }, 'k')).toBeNull();
    expect(py.get({ k: null }, 'k', 'fallback')).toBeNull();
    expect(py.get({}, 'k', 'fallback')).toBe('fallback');
  });

  it('tests membership as Python: dict keys, list elements, substrings', () => {
    expect(py.contains({ URI: 'x' }, 'URI')).toBe(true);
    expect(py.contains(['URI'], 'URI')).toBe(true);
    expect(py.contains('the URI', 'URI')).toBe(true);
    expect(py.inSet(true, [1])).toBe(true);
    expect(py.inSet('1', [1])).toBe(false);
  });

  it.each([['7', 7], [' +7\n', 7], ['-1_000', -1000], [7.9, 7], [true, 1], ['\u0667', 7]])('int(%p) is %p', (value, expected) => {
    expect(py.int(value)).toBe(expected);
  });

  it('iterates dict keys and string characters, as a Python for loop', () => {
    expect(py.iterate({ a: 1, b: 2 })).toEqual(['a', 'b']);
    expect(py.iterate('ab')).toEqual(['a', 'b']);
  });

  it('reads NaN and Infinity in JSON, as Python json.loads does', () => {
    const parsed = py.jsonLoads('{"valid_secs": NaN, "x": -Infinity, "s": "NaN"}') as Record<string, unknown>;
    expect(Number.isNaN(parsed.valid_secs)).toBe(true);
    expect(parsed.x).toBe(-Infinity);
    expect(parsed.s).toBe('NaN');
  });
});
