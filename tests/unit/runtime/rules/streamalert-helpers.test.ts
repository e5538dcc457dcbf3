import { describe, expect, it } from '@jest/globals';
import { dataHasValueFromSubstringList, getKeys, RecordShapeError, safeJsonLoads } from '../../../../runtime/rules';

describe('getKeys (StreamAlert get_keys)', () => {
  const data = {
    path: 'A',
    details: { parent: { path: 'B' } },
    events: [{ path: 'C' }, [], { other: 1 }],
    streamalert_normalization: { path: 'hidden' },
  };

  it('finds every value of a key, breadth first, skipping normalization results', () => {
    expect(getKeys(data, 'path')).toEqual(['A', 'B', 'C']);
  });

  it('stops after maxMatches values', () => {
    expect(getKeys(data, 'path', 2)).toEqual(['A', 'B']);
  });

  it('searches nothing in a string and raises on None, as the original', () => {
    expect(getKeys('path', 'path')).toEqual([]);
    expect(() => getKeys(null, 'path')).toThrow(RecordShapeError);
  });
});

describe('dataHasValueFromSubstringList (StreamAlert data_has_value_from_substring_list)', () => {
  it.each([
    [{ a: { b: ['uri=http://x/AllUsers'] } }, true],
    [{ a: '', b: null, c: false, d: 0 }, false],
    [['nothing here'], false],
  ])('searches %j recursively', (data, expected) => {
    expect(dataHasValueFromSubstringList(data, ['AllUsers'])).toBe(expected);
  });

  it('raises on a number value it reaches, as the original', () => {
    expect(() => dataHasValueFromSubstringList({ a: 5 }, ['AllUsers'])).toThrow(RecordShapeError);
  });
});

describe('safeJsonLoads (StreamAlert safe_json_loads)', () => {
  it('parses JSON text, and gives {} for text that is not JSON', () => {
    expect(safeJsonLoads('{"a": 1}')).toEqual({ a: 1 });
    expect(safeJsonLoads('not json')).toEqual({});
  });

  it('raises for a value that is not text, as the original', () => {
    expect(() => safeJsonLoads(null)).toThrow(RecordShapeError);
  });
});
