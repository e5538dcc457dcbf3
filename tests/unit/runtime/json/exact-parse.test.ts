import { parseJsonAndKeep, parseJsonExact } from '../../../../runtime/json';

describe('exact JSON parsing', () => {
  it.each([
    ['{"id": 9007199254740993}', { id: '9007199254740993' }],
    ['[-123456789012345678901234567890, 1]', ['-123456789012345678901234567890', 1]],
    ['{"safe": 9007199254740991, "float": 1234567890123456.5, "exp": 1e400}', { safe: 9007199254740991, float: 1234567890123456.5, exp: Infinity }],
    ['{"s": "9007199254740993 in a string \\" 9007199254740993"}', { s: '9007199254740993 in a string " 9007199254740993' }],
    ['{"n": 42}', { n: 42 }],
  ])('parses %s keeping unsafe integers as their exact digits', (text, expected) => {
    expect(parseJsonExact(text)).toEqual(expected);
  });

  it('throws on invalid JSON like JSON.parse', () => {
    expect(() => parseJsonExact('{"a": 12345678901234567890')).toThrow(SyntaxError);
  });
});

describe('exact JSON parsing, where a number can start', () => {
  it.each([
    ['after a colon', '{"id":9007199254740993,"n":12}', { id: '9007199254740993', n: 12 }],
    ['after white space and a minus sign', '{"id": \n -9007199254740993}', { id: '-9007199254740993' }],
    ['in a list', '[1,9007199254740993]', [1, '9007199254740993']],
    ['at the top level', '9007199254740993', '9007199254740993'],
  ])('keeps an integer past 2^53 %s as its exact digits', (_where, text, expected) => {
    expect(parseJsonExact(text)).toEqual(expected);
  });

  it('leaves digit runs inside strings and safe numbers as they are', () => {
    expect(parseJsonExact('{"detector":"00000000000000000000","x":"a:12345678901234567","n":123456789012345}')).toEqual({
      detector: '00000000000000000000',
      x: 'a:12345678901234567',
      n: 123456789012345,
    });
  });
});

describe('a document parsed by the reader and kept for the classifier', () => {
  it('hands the same value to the next parse of that very text, once', () => {
    const text = '{"Records":[{"a":1},{"a":2}]}';
    const parse = jest.spyOn(JSON, 'parse');
    try {
      expect(parseJsonAndKeep(text)).toBe(true);
      const first = parseJsonExact(text);
      expect(first).toEqual({ Records: [{ a: 1 }, { a: 2 }] });
      expect(parse).toHaveBeenCalledTimes(1);
      expect(parseJsonExact(text)).not.toBe(first);
      expect(parse).toHaveBeenCalledTimes(2);
    } finally {
      parse.mockRestore();
    }
  });

  it('parses another text anew, and empties the slot', () => {
    expect(parseJsonAndKeep('{"a":1}')).toBe(true);
    expect(parseJsonExact('{"b":2}')).toEqual({ b: 2 });
    expect(parseJsonExact('{"a":1}')).toEqual({ a: 1 });
  });

  it('keeps nothing for text that is not JSON', () => {
    expect(parseJsonAndKeep('{"a":')).toBe(false);
    expect(() => parseJsonExact('{"a":')).toThrow(SyntaxError);
  });
});
