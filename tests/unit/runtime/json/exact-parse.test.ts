import { parseJsonExact } from '../../../../runtime/json';

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
