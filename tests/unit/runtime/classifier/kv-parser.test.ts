import { readKv } from '../../../../runtime/classifier/parsers/kv-reader';
import { classifierWith, classify, only, reasonFor } from './classifier-helpers';

describe('kv parser', () => {
  const auth = classifierWith({
    'auth:kv': { parser: 'kv', schema: { user: 'string', uid: 'integer', msg: 'string' } },
  });

  it('parses key=value pairs separated by spaces and coerces types', () => {
    expect(only(classify(auth, 'user=bob uid=42 msg=ok'))).toEqual({ user: 'bob', uid: 42, msg: 'ok' });
  });

  it('keeps a value that contains the delimiter when the next word is not a key', () => {
    expect(only(classify(auth, 'user=bob msg=disk is full uid=1'))).toEqual({ user: 'bob', uid: 1, msg: 'disk is full' });
  });

  it('keeps a value that contains the separator', () => {
    expect(only(classify(auth, 'user=bob uid=1 msg=a=b==c'))).toEqual({ user: 'bob', uid: 1, msg: 'a=b==c' });
  });

  it('takes a quoted value whole, without its quotes', () => {
    expect(only(classify(auth, 'user="bob smith" uid=1 msg=\'x=1 y=2\''))).toEqual({ user: 'bob smith', uid: 1, msg: 'x=1 y=2' });
  });

  it('treats runs of the delimiter as one', () => {
    expect(only(classify(auth, '  user=bob   uid=1 msg=ok  '))).toMatchObject({ user: 'bob', msg: 'ok' });
  });

  it('uses a custom delimiter and separator', () => {
    const custom = classifierWith({
      'fw:kv': { parser: 'kv', schema: { src: 'ipaddress', act: 'string' }, configuration: { delimiter: '|', separator: ':' } },
    });
    expect(only(classify(custom, 'src:10.0.0.1|act:deny: port 22|x'))).toEqual({ src: '10.0.0.1', act: 'deny: port 22|x' });
  });

  it('names the keys that do not fit the schema', () => {
    expect(reasonFor(classify(auth, 'user=bob uid=1 message=ok'), 'auth:kv')).toMatch(/missing keys "msg"; unexpected keys "message"/);
  });

  it('says where the text stops being key/value pairs', () => {
    expect(reasonFor(classify(auth, 'hello user=bob'), 'auth:kv')).toMatch(/expected key=value at offset 0/);
  });

  it('names a repeated key after the schema key at its position, per schema tried', () => {
    const twoSchemas = classifierWith({
      'x:first': { parser: 'kv', schema: { type: 'string', id: 'integer', kind: 'string' } },
      'x:second': { parser: 'kv', schema: { type: 'string', id: 'string', subtype: 'string' } },
    });
    expect(only(classify(twoSchemas, 'type=a id=1 type=b'))).toEqual({ type: 'a', id: 1, kind: 'b' });
    // x:first fails on its integer; x:second, tried on the same text, names the repeated key its own way.
    const outcome = classify(twoSchemas, 'type=a id=x type=b');
    expect(outcome).toMatchObject({ ok: true, log_type: 'x:second' });
    expect(only(outcome)).toEqual({ type: 'a', id: 'x', subtype: 'b' });
  });

  it.each([
    ['a=1 b=2', [['a', '1'], ['b', '2']]],
    ['a= b=2', [['a', ''], ['b', '2']]],
    ['a="x \\" y" b=2', [['a', 'x " y'], ['b', '2']]],
    ['a="open b=2', [['a', '"open'], ['b', '2']]],
    ['a=1 2 3', [['a', '1 2 3']]],
  ])('reads %j', (text, pairs) => {
    const read = readKv(text, ' ', '=');
    expect(read.ok && read.value.map((p) => [p.key, p.value])).toEqual(pairs);
  });

  it('reads a 5 MB value in linear time without failing', () => {
    const text = `a=${'x '.repeat(2_500_000)}b=1`;
    const read = readKv(text, ' ', '=');
    expect(read.ok && read.value.map((p) => p.key)).toEqual(['a', 'b']);
  });
});
