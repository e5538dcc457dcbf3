/** The `spaced` parser: access and flow logs (quoted and bracketed fields, `-` as null, header rows, appended columns). */
import { describe, expect, it } from '@jest/globals';
import { readSpaced } from '../../../../runtime/classifier/parsers/spaced-reader';
import { classifierWith, classify, only, reasonFor, records } from './classifier-helpers';

describe('spaced reader', () => {
  it.each([
    ['plain fields', 'a b c', [['a', 'b', 'c']]],
    ['a quoted field holding spaces', 'a "GET / HTTP/1.1" c', [['a', 'GET / HTTP/1.1', 'c']]],
    ['an escaped quote inside quotes', 'a "say \\"hi\\"" c', [['a', 'say "hi"', 'c']]],
    ['a bracketed field holding spaces', 'a [06/Feb/2019:00:00:38 +0000] c', [['a', '06/Feb/2019:00:00:38 +0000', 'c']]],
    ['- as null, quoted or not', 'a - "-" c', [['a', null, null, 'c']]],
    ['an empty quoted field', 'a "" c', [['a', '', 'c']]],
    ['one row per line, blank lines skipped', 'a b\n\nc d\r\n', [['a', 'b'], ['c', 'd']]],
  ])('reads %s', (_name, text, rows) => {
    expect(readSpaced(text, ' ')).toEqual(rows);
  });

  it('splits on tabs only when the delimiter is a tab (CloudFront)', () => {
    expect(readSpaced('a b\tc', '\t')).toEqual([['a b', 'c']]);
  });
});

const flow = {
  parser: 'spaced',
  schema: { version: 'integer', account_id: 'string', srcaddr: 'ipaddress', bytes: 'integer', log_status: 'string' },
};

describe('spaced parser', () => {
  it('types the columns and turns - into null', () => {
    const classifier = classifierWith({ 'x:flow': flow });
    expect(only(classify(classifier, '2 123 10.0.0.1 - OK'))).toEqual({ version: 2, account_id: '123', srcaddr: '10.0.0.1', bytes: null, log_status: 'OK' });
  });

  it('skips a header row naming the keys with dashes, and # directive lines', () => {
    const classifier = classifierWith({ 'x:flow': flow });
    const outcome = classify(classifier, '#Version: 1.0\nversion account-id srcaddr bytes log-status\n2 123 10.0.0.1 5 OK');
    expect(outcome).toMatchObject({ ok: true, skipped_headers: 2 });
    expect(records(outcome)).toHaveLength(1);
  });

  it('rejects a row with more columns than the schema, naming the counts', () => {
    const classifier = classifierWith({ 'x:flow': flow });
    expect(reasonFor(classify(classifier, '2 123 10.0.0.1 5 OK extra'), 'x:flow')).toContain('row has 6 columns, the schema has 5');
  });

  it('keeps appended columns under extra_keys keep, and accepts missing trailing optional columns', () => {
    const classifier = classifierWith({
      'x:flow': { ...flow, configuration: { extra_keys: 'keep', optional_top_level_keys: ['log_status'] } },
    });
    expect(only(classify(classifier, '2 123 10.0.0.1 5 OK new1 new2'))).toMatchObject({ log_status: 'OK', 'streamalert:extra_columns': ['new1', 'new2'] });
    expect(only(classify(classifier, '2 123 10.0.0.1 5'))).toMatchObject({ bytes: 5, log_status: '' });
    expect(reasonFor(classify(classifier, '2 123 10.0.0.1'), 'x:flow')).toContain('column "bytes" is not optional');
  });

  it('leaves JSON lines to the json parser', () => {
    const classifier = classifierWith({ 'x:flow': flow });
    expect(classify(classifier, '{"version": 2}').ok).toBe(false);
  });
});
