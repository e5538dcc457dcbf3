import { classifierWith, classify, only, reasonFor } from './classifier-helpers';

/** One schema per type, each with a single field `v`. */
const TYPES = ['string', 'integer', 'float', 'boolean', 'ipaddress'] as const;
const classifier = classifierWith(
  Object.fromEntries([
    ...TYPES.map((type) => [`t:${type}`, { parser: 'json', schema: { v: type } }]),
    ['t:list', { parser: 'json', schema: { v: [] } }],
    ['t:typed_list', { parser: 'json', schema: { v: ['string'] } }],
    ['t:map', { parser: 'json', schema: { v: {} } }],
  ]),
);

const value = (type: string, v: unknown) => only(classify(classifier, { v }, [`t:${type}`])).v;
const failure = (type: string, v: unknown) => reasonFor(classify(classifier, { v }, [`t:${type}`]), `t:${type}`);

describe('type coercion', () => {
  it.each([
    ['string', 'abc', 'abc'],
    ['string', 12, '12'],
    ['string', 1.5, '1.5'],
    ['string', true, 'True'],
    ['string', { a: 1 }, '{"a":1}'],
    ['integer', 42, 42],
    ['integer', '42', 42],
    ['integer', ' -7 ', -7],
    ['float', 1.5, 1.5],
    ['float', '2.5', 2.5],
    ['float', '1e3', 1000],
    ['float', 3, 3],
    ['boolean', true, true],
    ['boolean', 'true', true],
    ['boolean', 'FALSE', false],
    ['boolean', 'True', true],
    ['ipaddress', '10.0.0.1', '10.0.0.1'],
    ['ipaddress', '2001:db8::1', '2001:db8::1'],
    ['list', ['a', 1], ['a', 1]],
    ['typed_list', ['a', 1], ['a', 1]],
    ['map', { any: { thing: 1 } }, { any: { thing: 1 } }],
    ['map', [1, 2], [1, 2]],
  ])('%s accepts %j as %j', (type, input, expected) => {
    expect(value(type, input)).toEqual(expected);
  });

  it.each([
    ['integer', 'abc'],
    ['integer', '1.5'],
    ['integer', 1.5],
    ['integer', { a: 1 }],
    ['float', 'abc'],
    ['float', '1.2.3'],
    ['float', [1]],
    ['boolean', 'yes'],
    ['boolean', 1],
    ['ipaddress', '999.1.1.1'],
    ['ipaddress', 'host.example.com'],
    ['list', 'a,b'],
    ['list', { a: 1 }],
  ])('%s rejects %j, naming the field and the value', (type, input) => {
    const reason = failure(type, input);
    expect(reason).toMatch(/^field "v" is not /);
    expect(reason).toContain(JSON.stringify(input));
  });

  it.each(['string', 'integer', 'float', 'boolean', 'ipaddress', 'list', 'map'])(
    'leaves empty values (null, "", 0, false) unconverted for %s, as StreamAlert does',
    (type) => {
      for (const empty of [null, '', 0, false]) expect(value(type, empty)).toEqual(empty);
    },
  );
});
