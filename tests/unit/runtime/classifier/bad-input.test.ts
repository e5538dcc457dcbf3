import { MAX_UNCLASSIFIED_CHARS, type ClassifyOutcome } from '../../../../runtime/classifier';
import { classifierWith, classify } from './classifier-helpers';

const classifier = classifierWith({
  'j:one': { parser: 'json', schema: { a: 'string' } },
  'j:list': { parser: 'json', schema: { a: 'string' }, configuration: { json_path: 'Records[*]' } },
  'c:two': { parser: 'csv', schema: { a: 'string', b: 'string' } },
  'k:kv': { parser: 'kv', schema: { a: 'string' } },
  's:syslog': { parser: 'syslog', schema: { timestamp: 'string', host: 'string', application: 'string', message: 'string' } },
});

function unclassified(outcome: ClassifyOutcome) {
  if (outcome.ok) throw new Error(`expected no match, got ${outcome.log_type}`);
  return outcome.unclassified;
}

describe('bad input', () => {
  it.each([
    ['truncated JSON', '{"Records":[{"a":"x"'],
    // A payload reader splits lines, so garbage reaches the classifier without line breaks.
    ['a line of binary garbage', String.fromCharCode(...Array.from({ length: 512 }, (_, i) => (i * 7919) % 256)).replace(/[\r\n]/g, '')],
    ['a 5 MB single line', `{"a":"${'x'.repeat(5 * 1024 * 1024)}`],
    ['a 1 MB line of nested brackets', `{"a":${'['.repeat(1024 * 1024)}`],
    ['JSON that is not an object', '[1,2,3]'],
  ])('returns %s as unclassified, with a reason for every candidate', (_name, data) => {
    const result = unclassified(classify(classifier, data));
    expect(result.reason).toBe('matched none of the 5 candidate log types');
    expect(result.candidates.map((c) => c.log_type)).toEqual(['j:one', 'j:list', 'c:two', 'k:kv', 's:syslog']);
    for (const candidate of result.candidates) expect(candidate.reason).not.toBe('');
    expect(result.data.length).toBeLessThanOrEqual(MAX_UNCLASSIFIED_CHARS);
    expect(result.data_bytes).toBe(Buffer.byteLength(data));
  });

  it('says "not valid JSON" for truncated JSON', () => {
    expect(unclassified(classify(classifier, '{"a":"x"')).candidates[0].reason).toMatch(/^not valid JSON/);
  });

  it.each([
    ['an empty string', ''],
    ['blank text', ' \n\t'],
    ['empty bytes', new Uint8Array(0)],
    ['null', null],
  ])('returns %s as unclassified "empty record"', (_name, data) => {
    expect(unclassified(classify(classifier, data)).reason).toBe('empty record');
  });

  it('returns bytes that are not valid UTF-8 as unclassified, with their size', () => {
    const result = unclassified(classify(classifier, Uint8Array.from([0x7b, 0x22, 0xc3, 0x28, 0xff, 0x7d])));
    expect(result.reason).toBe('data is not valid UTF-8 (6 bytes)');
    expect(result.data_bytes).toBe(6);
  });

  it('classifies bytes that are valid UTF-8 like text', () => {
    expect(classify(classifier, Buffer.from('{"a":"é"}'))).toMatchObject({ ok: true, log_type: 'j:one' });
  });

  it('says so when no candidate is given', () => {
    expect(unclassified(classify(classifier, '{"a":"x"}', [])).reason).toBe('no candidate log types for this source');
  });

  it('keeps the source of an unclassified record', () => {
    expect(unclassified(classify(classifier, 'nope')).source).toEqual({ service: 'kinesis', resource: 'test_stream' });
  });
});
