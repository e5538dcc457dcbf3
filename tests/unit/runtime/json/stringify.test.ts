import { canonicalJson, safeStringify } from '../../../../runtime/json';

/** `[[[...1...]]]` nested `depth` levels, built without recursion. */
function nested(depth: number): unknown {
  let value: unknown = 1;
  for (let i = 0; i < depth; i++) value = i % 2 === 0 ? [value] : { k: value };
  return value;
}

describe('safe JSON', () => {
  it.each([
    [{ b: 1, a: [1, 'x', null, true, undefined], c: { d: undefined, e: 'é\n"' } }],
    [[undefined, () => 1, Symbol('s')]],
    [{ when: new Date(Date.UTC(2026, 0, 2)) }],
    ['text'],
    [NaN],
    [null],
  ])('gives what JSON.stringify gives for %j', (value) => {
    expect(safeStringify(value)).toBe(JSON.stringify(value) ?? 'null');
  });

  it('stringifies a value nested 100,000 levels deep, where JSON.stringify overflows the stack', () => {
    const deep = nested(100_000);
    expect(() => JSON.stringify(deep)).toThrow(RangeError);
    const text = safeStringify(deep);
    expect(text.length).toBe(1 + 50_000 * 2 + 50_000 * '{"k":}'.length);
    expect(JSON.parse(text)).toBeDefined();
  });

  it('writes canonical JSON with sorted keys at every level, at any depth', () => {
    expect(canonicalJson({ b: [{ z: 1, a: 2 }], a: undefined, c: null })).toBe('{"b":[{"a":2,"z":1}],"c":null}');
    expect(canonicalJson([undefined])).toBe('[null]');
    expect(canonicalJson(nested(50_000))).toBe(safeStringify(nested(50_000)));
  });
});
