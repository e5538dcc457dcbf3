import { classifierWith, classify, only, reasonFor, records } from './classifier-helpers';

describe('csv parser', () => {
  const access = classifierWith({
    'web:access': { parser: 'csv', schema: { time: 'integer', host: 'string', path: 'string', ok: 'boolean' } },
  });

  it('maps columns to the schema keys in order and coerces their types', () => {
    expect(only(classify(access, '1700000000,web-1,/index.html,true'))).toEqual({ time: 1700000000, host: 'web-1', path: '/index.html', ok: true });
  });

  it('rejects a row whose column count differs from the schema', () => {
    expect(reasonFor(classify(access, '1,web-1,/'), 'web:access')).toBe('row has 3 columns, the schema has 4');
  });

  it('keeps delimiters inside quoted fields and undoubles quotes', () => {
    expect(only(classify(access, '1,"web,1","/a ""b""",false'))).toMatchObject({ host: 'web,1', path: '/a "b"' });
  });

  it('keeps empty columns as empty strings', () => {
    expect(only(classify(access, ',web-1,,'))).toEqual({ time: '', host: 'web-1', path: '', ok: '' });
  });

  it.each([
    ['|', '1|web-1|/a,b|true'],
    ['\t', '1\tweb-1\t/a,b\ttrue'],
    [';', '1;web-1;/a,b;true'],
  ])('splits on a custom delimiter %j', (delimiter, line) => {
    const custom = classifierWith({ 'web:custom': { parser: 'csv', schema: { time: 'integer', host: 'string', path: 'string', ok: 'boolean' }, configuration: { delimiter } } });
    expect(only(classify(custom, line))).toEqual({ time: 1, host: 'web-1', path: '/a,b', ok: true });
  });

  it('honours a custom quotechar and escapechar', () => {
    const rds = classifierWith({
      'db:audit': { parser: 'csv', schema: { user: 'string', query: 'string' }, configuration: { quotechar: "'", escapechar: '\\' } },
    });
    expect(only(classify(rds, "bob,'select \\'a,b\\' from t'"))).toEqual({ user: 'bob', query: "select 'a,b' from t" });
    expect(only(classify(rds, 'bob,a\\,b'))).toEqual({ user: 'bob', query: 'a,b' });
  });

  describe('header rows', () => {
    it('recognises a row equal to the schema keys as a header and skips it', () => {
      const outcome = classify(access, 'time,host,path,ok');
      expect(outcome).toMatchObject({ ok: true, records: [], log_type: 'web:access', skipped_headers: 1 });
    });

    it('skips the header and keeps the data rows of the same text', () => {
      const outcome = classify(access, 'time,host,path,ok\n1,web-1,/a,true\n2,web-2,/b,false\n');
      expect(records(outcome).map((r) => r.record.host)).toEqual(['web-1', 'web-2']);
      expect(outcome.ok && outcome.skipped_headers).toBe(1);
    });

    it('does not take a row with the keys in another order for a header', () => {
      expect(reasonFor(classify(access, 'host,time,path,ok'), 'web:access')).toMatch(/field "time" is not an integer/);
    });
  });

  it('parses a map-typed column as nested CSV', () => {
    const nested = classifierWith({
      'net:flow': { parser: 'csv', schema: { id: 'integer', peer: { ip: 'ipaddress', port: 'integer' } } },
    });
    expect(only(classify(nested, '7,"10.0.0.1,443"'))).toEqual({ id: 7, peer: { ip: '10.0.0.1', port: 443 } });
    expect(reasonFor(classify(nested, '7,10.0.0.1'), 'net:flow')).toBe('nested CSV "peer" has 1 columns, the schema has 2');
  });

  it('keeps rows the schema rejects next to the rows it matched', () => {
    const outcome = classify(access, '1,web-1,/a,true\nbad,row\n');
    expect(records(outcome)).toHaveLength(1);
    expect(outcome.ok && outcome.rejected?.map((r) => [r.data, r.reason])).toEqual([['["bad","row"]', 'row has 2 columns, the schema has 4']]);
  });

  it('reads CSV text selected by json_path, with envelope keys', () => {
    const rds = classifierWith({
      'rds:log': {
        parser: 'csv',
        schema: { user: 'string', action: 'string' },
        configuration: { json_path: 'logEvents[*].message', envelope_keys: { logGroup: 'string' } },
      },
    });
    const outcome = classify(rds, JSON.stringify({ logGroup: 'g', logEvents: [{ message: 'bob,login' }] }));
    expect(only(outcome)).toEqual({ user: 'bob', action: 'login', 'streamalert:envelope_keys': { logGroup: 'g' } });
  });
});
