/** Finding where JSON text stops being valid, for line and column in messages. */
import { jsonErrorOffset } from '../../../../runtime/config/json-error-offset';

describe('jsonErrorOffset', () => {
  it.each([
    ['a value missing after a colon', '{"log": }', 8],
    ['a trailing comma in an object', '{"a": 1,}', 8],
    ['a trailing comma in a list', '[1, 2,]', 6],
    ['a missing comma', '[1 2]', 3],
    ['an unquoted key', '{a: 1}', 1],
    ['a bad literal', '[tru]', 4],
    ['text after the document', '{} x', 3],
    ['a document that ends early', '{"a": [1, 2', 11],
    ['a raw newline inside a string', '["a\nb"]', 3],
  ])('points at %s', (_what, text, offset) => {
    expect(() => JSON.parse(text)).toThrow();
    expect(jsonErrorOffset(text)).toBe(offset);
  });
});
