import fc from 'fast-check';
import { gzipSync } from 'node:zlib';
import { decodeS3Key, type ReadLimits } from '../../../../../runtime/classifier/payloads';
import { INVALID_UTF8, binaryGarbage, gzipBomb, memoryGetter, read, s3Notification } from './_events';

const BUCKET = 'acme.prod.cloudtrail';
const CLOUDTRAIL = { Records: [{ eventName: 'ConsoleLogin', eventVersion: '1.05' }, { eventName: 'CreateUser', eventVersion: '1.05' }] };

/** Reads one object stored under `key` through an S3 notification for it. */
function readObject(body: Buffer | string, options: { key?: string; limits?: Partial<ReadLimits>; chunkSize?: number } = {}) {
  const key = options.key ?? 'AWSLogs/1.json';
  const getObject = memoryGetter({ [`${BUCKET}/${key}`]: body }, options.chunkSize);
  return read(s3Notification(BUCKET, key), { getObject, limits: options.limits });
}

describe('decodeS3Key', () => {
  it.each([
    ['AWSLogs/2024/01/a+b.json.gz', 'AWSLogs/2024/01/a b.json.gz'],
    ['logs/caf%C3%A9%3A1.log', 'logs/café:1.log'],
    ['100%+done', '100% done'],
  ])('decodes %s to %s', (raw, decoded) => {
    expect(decodeS3Key(raw)).toBe(decoded);
  });
});

describe('s3 payload reader', () => {
  it('fetches the object under its URL-decoded key and names bucket, key and line', async () => {
    const key = 'AWSLogs/my+logs/caf%C3%A9.log';
    const { records, issues } = await read(s3Notification(BUCKET, key), { objects: { [`${BUCKET}/AWSLogs/my logs/café.log`]: 'one\ntwo\n' } });
    expect(issues).toEqual([]);
    expect(records).toEqual([
      { data: 'one', source: { service: 's3', resource: BUCKET, location: 'AWSLogs/my logs/café.log:1' } },
      { data: 'two', source: { service: 's3', resource: BUCKET, location: 'AWSLogs/my logs/café.log:2' } },
    ]);
  });

  it.each([
    ['plain', (s: string) => Buffer.from(s)],
    ['gzip (detected by content, not by the key)', (s: string) => gzipSync(s)],
  ])('reads JSON lines from a %s object, skipping blank lines and CRLF endings', async (_name, encode) => {
    const { records, issues } = await readObject(encode('{"a":1}\r\n\n  \n{"a":2}\n{"a":3}'));
    expect(issues).toEqual([]);
    expect(records.map((r) => [r.data, r.source.location])).toEqual([
      ['{"a":1}', 'AWSLogs/1.json:1'],
      ['{"a":2}', 'AWSLogs/1.json:4'],
      ['{"a":3}', 'AWSLogs/1.json:5'],
    ]);
  });

  it('reads a pretty-printed whole JSON document as one record', async () => {
    const { records, issues } = await readObject(gzipSync(JSON.stringify(CLOUDTRAIL, null, 2)));
    expect(issues).toEqual([]);
    expect(records).toHaveLength(1);
    expect(JSON.parse(records[0].data as string)).toEqual(CLOUDTRAIL);
    expect(records[0].source.location).toMatch(/^AWSLogs\/1\.json:1-\d+$/);
  });

  it('reads a whole document written on one line as one record', async () => {
    const { records } = await readObject(JSON.stringify(CLOUDTRAIL));
    expect(records.map((r) => r.data)).toEqual([JSON.stringify(CLOUDTRAIL)]);
  });

  it('reads a pretty-printed top-level list as one record', async () => {
    const { records } = await readObject('[\n  {"a": 1},\n  {"a": 2}\n]\n');
    expect(records).toHaveLength(1);
    expect(JSON.parse(records[0].data as string)).toEqual([{ a: 1 }, { a: 2 }]);
  });

  it('reads JSON lines whose first line is broken line by line, keeping the broken line', async () => {
    const { records } = await readObject('{"a":\n{"a":2}\n{"a":3}\n');
    expect(records.map((r) => r.data)).toEqual(['{"a":', '{"a":2}', '{"a":3}']);
  });

  it('reads a pretty-printed document larger than maxDocumentBytes element by element of its first list, never in fragments', async () => {
    const doc = JSON.stringify({ Records: Array.from({ length: 50 }, (_, i) => ({ i, nested: { deep: [i] } })) }, null, 2);
    const { records, issues } = await readObject(doc, { limits: { maxDocumentBytes: 200 } });
    expect(records.map((r) => JSON.parse(r.data as string) as unknown)).toEqual(Array.from({ length: 50 }, (_, i) => ({ Records: [{ i, nested: { deep: [i] } }] })));
    expect(records[3].source.location).toBe('AWSLogs/1.json:1:Records[3]');
    expect(issues).toEqual([expect.objectContaining({ level: 'info', code: 'Skipped', reason: expect.stringContaining('read element by element of "Records"') })]);
  });

  it.each([
    ['one line', (n: number) => JSON.stringify({ Records: Array.from({ length: n }, (_, i) => ({ i, s: 'x,]}"\\' })) })],
    ['several documents, one per line', (n: number) => Array.from({ length: n }, (_, i) => JSON.stringify({ Records: [{ i, s: '{[' }] })).join('\n')],
  ])('streams a list document (%s) with every element once, whatever the chunk size', async (_name, make) => {
    const text = make(40);
    for (const chunkSize of [1, 7, 64, 100_000]) {
      const { records, issues } = await readObject(Buffer.from(text), { limits: { maxDocumentBytes: 256 }, chunkSize });
      const elements = records.flatMap((r) => (JSON.parse(r.data as string) as { Records: { i: number }[] }).Records.map((e) => e.i));
      expect(elements).toEqual(Array.from({ length: 40 }, (_, i) => i));
      expect(issues.filter((i) => i.level === 'error')).toEqual([]);
    }
  });

  it('finds every element whatever the strings hold (quotes, backslashes, brackets) and wherever chunks end', async () => {
    const tricky = fc.string({ unit: fc.constantFrom('a', '"', '\\', '{', '}', '[', ']', ',', ':', ' ', '\n', 'é'), maxLength: 30 });
    await fc.assert(
      fc.asyncProperty(fc.array(tricky, { minLength: 1, maxLength: 12 }), fc.integer({ min: 1, max: 80 }), async (strings, chunkSize) => {
        const text = JSON.stringify({ Records: strings.map((s, i) => ({ i, s })) });
        const { records } = await readObject(Buffer.from(text), { limits: { maxDocumentBytes: 64 }, chunkSize });
        const elements = records.flatMap((r) => (JSON.parse(r.data as string) as { Records: { i: number; s: string }[] }).Records);
        expect(elements).toEqual(strings.map((s, i) => ({ i, s })));
      }),
      { numRuns: 60 },
    );
  });

  it('reports an element longer than maxLineBytes and goes on with the next ones', async () => {
    const doc = JSON.stringify({ Records: [{ i: 0 }, { big: 'y'.repeat(5000) }, { i: 2 }] });
    const { records, issues } = await readObject(doc, { limits: { maxDocumentBytes: 1000, maxLineBytes: 2000 } });
    expect(records.map((r) => r.data)).toEqual(['{"Records":[{"i":0}]}', '{"Records":[{"i":2}]}']);
    expect(issues).toContainEqual(expect.objectContaining({ level: 'error', code: 'LineTooLong', reason: expect.stringContaining('element 1 of "Records"') }));
  });

  it('reads plain text lines (csv, kv, syslog) one record each', async () => {
    const { records } = await readObject('a,b,c\nk1=v1 k2=v2\nJan  1 00:00:00 host sshd[1]: hello\n');
    expect(records.map((r) => r.data)).toEqual(['a,b,c', 'k1=v1 k2=v2', 'Jan  1 00:00:00 host sshd[1]: hello']);
  });

  it('reads an object delivered one byte per chunk', async () => {
    const body = gzipSync('{"a":1}\n{"a":2}\n');
    const { records } = await read(s3Notification(BUCKET, 'k'), { getObject: memoryGetter({ [`${BUCKET}/k`]: body }, 1) });
    expect(records.map((r) => r.data)).toEqual(['{"a":1}', '{"a":2}']);
  });

  it.each([
    ['an empty object', '', /empty object, skipped/],
    ['a gzip of nothing', gzipSync(''), /empty after gzip decompression/],
  ])('skips %s with a warning', async (_name, body, reason) => {
    const { records, issues } = await readObject(body);
    expect(records).toEqual([]);
    expect(issues).toEqual([expect.objectContaining({ level: 'warn', code: 'Empty', reason: expect.stringMatching(reason) })]);
  });

  it('skips an object the notification says is empty without fetching it', async () => {
    const getObject = jest.fn();
    const { issues } = await read(s3Notification(BUCKET, { key: 'k', size: 0 }), { getObject });
    expect(getObject).not.toHaveBeenCalled();
    expect(issues).toEqual([expect.objectContaining({ code: 'Empty', reason: `s3://${BUCKET}/k: empty object, skipped` })]);
  });

  it('keeps the lines read before a truncated gzip object broke, and reports it', async () => {
    const whole = gzipSync(Array.from({ length: 2000 }, (_, i) => `{"line":${i}}`).join('\n'));
    const { records, issues } = await readObject(whole.subarray(0, Math.floor(whole.length * 0.8)));
    expect(records.length).toBeGreaterThan(0);
    expect(records.length).toBeLessThan(2000);
    expect(records[0].data).toBe('{"line":0}');
    expect(issues).toEqual([expect.objectContaining({ level: 'error', code: 'Decompress', reason: expect.stringMatching(/unexpected end of file/) })]);
  });

  it('stops a gzip bomb at the inflate cap, keeping what was read before', async () => {
    const { records, issues } = await readObject(gzipBomb(64 * 1024 * 1024), { limits: { maxInflatedBytes: 1024 * 1024 } });
    expect(records.length).toBeGreaterThan(1000);
    expect(records.length * 8).toBeLessThanOrEqual(1024 * 1024);
    expect(issues).toEqual([expect.objectContaining({ code: 'TooLarge', reason: expect.stringContaining('more than 1048576 bytes') })]);
  });

  it('reports a binary object once, without reading it line by line', async () => {
    const { records, issues } = await readObject(binaryGarbage(100_000));
    expect(records).toEqual([]);
    expect(issues).toEqual([expect.objectContaining({ level: 'error', code: 'NotText', reason: `s3://${BUCKET}/AWSLogs/1.json: binary data (not UTF-8 text), not read` })]);
  });

  it('reports a line of invalid UTF-8 and reads the others', async () => {
    const body = Buffer.concat([Buffer.from('{"ok":1}\n'.repeat(600)), INVALID_UTF8, Buffer.from('\n{"ok":2}\n')]);
    const { records, issues } = await readObject(body);
    expect(records).toHaveLength(601);
    expect(issues).toEqual([expect.objectContaining({ code: 'InvalidUtf8', source: expect.objectContaining({ location: 'AWSLogs/1.json:601' }), preview: expect.stringContaining('\ufffd') })]);
  });

  it('reads a 5 MB single line under the default line cap', async () => {
    const line = JSON.stringify({ blob: 'z'.repeat(5 * 1024 * 1024) });
    const { records, issues } = await readObject(gzipSync(`${line}\n{"a":1}\n`));
    expect(issues).toEqual([]);
    expect(records.map((r) => (r.data as string).length)).toEqual([line.length, 7]);
  });

  it('reports a line longer than the line cap with its first bytes, and reads on', async () => {
    const { records, issues } = await readObject(`{"a":1}\n${'q'.repeat(5 * 1024 * 1024)}\n{"a":3}\n`, { limits: { maxLineBytes: 1024 * 1024 } });
    expect(records.map((r) => r.data)).toEqual(['{"a":1}', '{"a":3}']);
    expect(issues).toEqual([
      expect.objectContaining({ code: 'LineTooLong', reason: expect.stringContaining(`line 2 is ${5 * 1024 * 1024} bytes, longer than 1048576`), preview: 'q'.repeat(256) }),
    ]);
  });

  it('reports an object that cannot be fetched, naming it and the S3 error', async () => {
    const { issues } = await read(s3Notification(BUCKET, 'missing.json'), { objects: {} });
    expect(issues).toEqual([
      expect.objectContaining({ code: 'FetchFailed', reason: `s3://${BUCKET}/missing.json: could not be fetched: NoSuchKey: The specified key does not exist.` }),
    ]);
  });

  it('does not fetch an object that beforeFetch refuses', async () => {
    const getObject = jest.fn();
    const { issues } = await read(s3Notification('other-bucket', 'k'), { getObject, beforeFetch: (s) => `unknown bucket ${s.resource}` });
    expect(getObject).not.toHaveBeenCalled();
    expect(issues).toEqual([expect.objectContaining({ code: 'UnknownSource', reason: 's3://other-bucket/k: unknown bucket other-bucket' })]);
  });

  it('skips ObjectRemoved events', async () => {
    const { records, issues } = await read(s3Notification(BUCKET, { key: 'k', eventName: 'ObjectRemoved:Delete' }), { objects: { [`${BUCKET}/k`]: 'x' } });
    expect(records).toEqual([]);
    expect(issues).toEqual([expect.objectContaining({ level: 'info', code: 'Skipped' })]);
  });

  it('reads every object of a notification with several records', async () => {
    const { records } = await read(s3Notification(BUCKET, 'a', 'b'), { objects: { [`${BUCKET}/a`]: 'from a', [`${BUCKET}/b`]: gzipSync('from b') } });
    expect(records.map((r) => r.data)).toEqual(['from a', 'from b']);
  });
});
