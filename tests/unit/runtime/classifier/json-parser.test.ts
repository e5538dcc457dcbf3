import { ENVELOPE_KEY } from '../../../../runtime/classifier';
import { classifierWith, classify, only, reasonFor, records } from './classifier-helpers';

describe('json parser', () => {
  const flat = classifierWith({
    'app:login': {
      parser: 'json',
      schema: { user: 'string', count: 'integer', tags: [], extra: {} },
      configuration: { optional_top_level_keys: ['tags', 'extra', 'count'] },
    },
  });

  it('parses a JSON string and keeps the log type on the record', () => {
    const outcome = classify(flat, '{"user":"bob","count":3,"tags":["a"],"extra":{"k":1}}');
    expect(records(outcome)[0]).toMatchObject({ log_type: 'app:login', record: { user: 'bob', count: 3, tags: ['a'], extra: { k: 1 } } });
  });

  it('accepts an already-decoded JSON value (StreamAlert app logs)', () => {
    expect(only(classify(flat, { user: 'bob', count: 1, tags: [], extra: {} }))).toMatchObject({ user: 'bob' });
  });

  it('fills absent optional top-level keys with the default of their type', () => {
    expect(only(classify(flat, '{"user":"bob"}'))).toEqual({ user: 'bob', count: 0, tags: [], extra: {} });
  });

  it('rejects a record with a key the schema does not declare, naming it', () => {
    const outcome = classify(flat, '{"user":"bob","admin":true}');
    expect(reasonFor(outcome, 'app:login')).toMatch(/unexpected keys "admin"/);
  });

  it('rejects a record missing a required key, naming it', () => {
    expect(reasonFor(classify(flat, '{"count":1}'), 'app:login')).toMatch(/missing keys "user"/);
  });

  it('says when the text is not valid JSON', () => {
    expect(reasonFor(classify(flat, '{"user":'), 'app:login')).toMatch(/not valid JSON/);
  });

  it('does not change the decoded value it was given', () => {
    const data = { user: 'bob', count: '7' };
    expect(only(classify(flat, data))).toMatchObject({ count: 7 });
    expect(data).toEqual({ user: 'bob', count: '7' });
  });

  describe('nested maps', () => {
    const nested = classifierWith({
      'app:nested': { parser: 'json', schema: { id: 'string', actor: { name: 'string', uid: 'integer', geo: { lat: 'float' } } } },
    });

    it('checks and coerces nested maps recursively', () => {
      const record = only(classify(nested, '{"id":"1","actor":{"name":"a","uid":"42","geo":{"lat":"1.5"}}}'));
      expect(record).toEqual({ id: '1', actor: { name: 'a', uid: 42, geo: { lat: 1.5 } } });
    });

    it('requires the exact keys of a nested map', () => {
      const outcome = classify(nested, '{"id":"1","actor":{"name":"a","uid":1,"geo":{"lat":1,"lon":2}}}');
      expect(reasonFor(outcome, 'app:nested')).toMatch(/map "actor.geo".*unexpected keys "lon"/);
    });

    it('rejects a nested map that is not a map', () => {
      expect(reasonFor(classify(nested, '{"id":"1","actor":"bob"}'), 'app:nested')).toMatch(/field "actor" is a string, not a JSON object/);
    });
  });

  describe('json_path', () => {
    const trail = classifierWith({
      'trail:events': {
        parser: 'json',
        schema: { eventName: 'string', awsRegion: 'string' },
        configuration: { json_path: 'Records[*]' },
      },
    });

    it('yields one record per selected entry', () => {
      const outcome = classify(trail, '{"Records":[{"eventName":"A","awsRegion":"r"},{"eventName":"B","awsRegion":"r"}]}');
      expect(records(outcome).map((r) => r.record.eventName)).toEqual(['A', 'B']);
    });

    it('keeps the entries the schema rejects as rejected records, with their reason', () => {
      const outcome = classify(trail, '{"Records":[{"eventName":"A","awsRegion":"r"},{"eventName":"B"}]}');
      expect(outcome.ok && outcome.rejected?.map((r) => r.reason)).toEqual([expect.stringMatching(/missing keys "awsRegion"/)]);
      expect(records(outcome)).toHaveLength(1);
    });

    it('fails when the path selects nothing', () => {
      expect(reasonFor(classify(trail, '{"Records":[]}'), 'trail:events')).toMatch(/json_path "Records\[\*\]" selected nothing/);
    });

    it('accepts any JMESPath expression through the jmespath library', () => {
      const filtered = classifierWith({
        'trail:filtered': {
          parser: 'json',
          schema: { eventName: 'string' },
          configuration: { json_path: "Records[?kind=='x'].{eventName: name}" },
        },
      });
      const outcome = classify(filtered, '{"Records":[{"kind":"x","name":"A"},{"kind":"y","name":"B"}]}');
      expect(records(outcome).map((r) => r.record)).toEqual([{ eventName: 'A' }]);
    });
  });

  describe('envelope_keys', () => {
    const cw = classifierWith({
      'cw:events': {
        parser: 'json',
        schema: { id: 'string', message: 'string' },
        configuration: {
          json_path: 'logEvents[*]',
          envelope_keys: { logGroup: 'string', owner: 'integer', region: 'string' },
          optional_envelope_keys: ['region'],
        },
      },
    });

    it('attaches the typed top-level keys to each record under streamalert:envelope_keys', () => {
      const outcome = classify(cw, '{"logGroup":"g","owner":"123","extra":1,"logEvents":[{"id":"1","message":"m"}]}');
      expect(records(outcome)[0].record).toEqual({
        id: '1',
        message: 'm',
        [ENVELOPE_KEY]: { logGroup: 'g', owner: 123, region: '' },
      });
    });

    it('rejects a payload missing a required envelope key', () => {
      expect(reasonFor(classify(cw, '{"logGroup":"g","logEvents":[{"id":"1","message":"m"}]}'), 'cw:events')).toMatch(
        /envelope: .*missing keys "owner"/,
      );
    });
  });

  describe('embedded_json', () => {
    const embedded = classifierWith({
      'cw:embedded': {
        parser: 'json',
        schema: { eventName: 'string' },
        configuration: { json_path: 'logEvents[*].message', embedded_json: true },
      },
    });

    it('parses each selected string as the JSON record', () => {
      const data = JSON.stringify({ logEvents: [{ message: '{"eventName":"A"}' }, { message: '{"eventName":"B"}' }] });
      expect(records(classify(embedded, data)).map((r) => r.record.eventName)).toEqual(['A', 'B']);
    });

    it('rejects a selected string that is not a JSON object', () => {
      const data = JSON.stringify({ logEvents: [{ message: 'plain text' }] });
      expect(reasonFor(classify(embedded, data), 'cw:embedded')).toMatch(/embedded_json: selected text is not valid JSON/);
    });
  });

  describe('json_regex_key', () => {
    const ghe = classifierWith({
      'ghe:audit': {
        parser: 'json',
        schema: { action: 'string', actor: 'string' },
        configuration: { json_regex_key: 'message', envelope_keys: { host: 'string' } },
      },
    });

    it('extracts the JSON object embedded in the text of the key', () => {
      const data = JSON.stringify({ host: 'h', message: '<190>May 22 12:05:54 gh github_audit: {"action":"repo.create","actor":"bob"}' });
      expect(only(classify(ghe, data))).toEqual({ action: 'repo.create', actor: 'bob', [ENVELOPE_KEY]: { host: 'h' } });
    });

    it('fails when the key holds no JSON object', () => {
      const data = JSON.stringify({ host: 'h', message: 'no json here' });
      expect(reasonFor(classify(ghe, data), 'ghe:audit')).toMatch(/json_regex_key: no JSON object found/);
    });
  });
});

describe('json parser and keys that objects inherit', () => {
  const odd = classifierWith({
    // JSON.parse, not a literal: in a literal `__proto__` would set the prototype instead of a key.
    'odd:keys': { parser: 'json', schema: JSON.parse('{"constructor":"string","__proto__":"string"}'), configuration: { optional_top_level_keys: ['__proto__'] } },
  });

  it('keeps "__proto__" and "constructor" as plain data keys', () => {
    const record = only(classify(odd, '{"constructor":"c","__proto__":"p"}'));
    expect(Object.keys(record)).toEqual(['constructor', '__proto__']);
    expect(Object.getPrototypeOf(record)).toBe(Object.prototype);
  });

  it('does not take an inherited "constructor" for a present key', () => {
    expect(reasonFor(classify(odd, '{"__proto__":"p"}'), 'odd:keys')).toMatch(/missing keys "constructor"/);
  });
});
