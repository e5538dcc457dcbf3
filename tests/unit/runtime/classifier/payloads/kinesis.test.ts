import { deflateSync, gzipSync } from 'node:zlib';
import { INVALID_UTF8, binaryGarbage, gzipBomb, kinesisEvent, read } from './_events';

const RECORD = '{"name":"pack/osquery","hostIdentifier":"host-1"}';

describe('kinesis payload reader', () => {
  it.each([
    ['plain', Buffer.from(RECORD)],
    ['gzip', gzipSync(RECORD)],
    ['zlib', deflateSync(RECORD)],
  ])('reads %s data as one record, telling compression from the content', async (_name, data) => {
    const { records, issues } = await read(kinesisEvent('acme_prod_streamalert', data));
    expect(issues).toEqual([]);
    expect(records).toEqual([
      {
        data: RECORD,
        source: { service: 'kinesis', resource: 'acme_prod_streamalert', location: '49545115243490985018280067714973144582180062593244200960' },
      },
    ]);
  });

  it('names the stream from the eventSourceARN of each record', async () => {
    const { records } = await read(kinesisEvent('stream.with-dots_1', 'a', 'b'));
    expect(records.map((r) => [r.source.resource, r.data])).toEqual([
      ['stream.with-dots_1', 'a'],
      ['stream.with-dots_1', 'b'],
    ]);
  });

  it('keeps plain text that happens to start like a zlib header ("x^")', async () => {
    const { records, issues } = await read(kinesisEvent('s', 'x^ not compressed'));
    expect(issues).toEqual([]);
    expect(records[0].data).toBe('x^ not compressed');
  });

  it('reports a truncated gzip record and reads the next one', async () => {
    const truncated = gzipSync(RECORD).subarray(0, 20);
    const { records, issues } = await read(kinesisEvent('s', truncated, 'next'));
    expect(records.map((r) => r.data)).toEqual(['next']);
    expect(issues).toEqual([expect.objectContaining({ level: 'error', code: 'Decompress', reason: expect.stringMatching(/^kinesis s \d+: gzip data could not be inflated/) })]);
  });

  it('stops a gzip bomb at the inflate cap and reports it', async () => {
    const bomb = gzipBomb(64 * 1024 * 1024);
    expect(bomb.length).toBeLessThan(200 * 1024);
    const { records, issues } = await read(kinesisEvent('s', bomb), { limits: { maxInflatedBytes: 1024 * 1024 } });
    expect(records).toEqual([]);
    expect(issues).toEqual([expect.objectContaining({ code: 'TooLarge', reason: expect.stringContaining('more than 1048576 bytes') })]);
  });

  it.each([
    ['binary garbage', binaryGarbage(2048), 'NotText'],
    ['invalid UTF-8', INVALID_UTF8, 'InvalidUtf8'],
  ])('reports %s as an error with a preview, never a record', async (_name, data, code) => {
    const { records, issues } = await read(kinesisEvent('s', data));
    expect(records).toEqual([]);
    expect(issues).toEqual([expect.objectContaining({ level: 'error', code, source: expect.objectContaining({ resource: 's' }), preview: expect.any(String) })]);
  });

  it('reads a 5 MB single-line record under the default line cap', async () => {
    const big = JSON.stringify({ blob: 'x'.repeat(5 * 1024 * 1024) });
    const { records, issues } = await read(kinesisEvent('s', gzipSync(big)));
    expect(issues).toEqual([]);
    expect((records[0].data as string).length).toBe(big.length);
  });

  it('reports a record longer than the line cap instead of yielding it', async () => {
    const { records, issues } = await read(kinesisEvent('s', 'y'.repeat(5000)), { limits: { maxLineBytes: 1000 } });
    expect(records).toEqual([]);
    expect(issues).toEqual([expect.objectContaining({ code: 'LineTooLong', reason: expect.stringContaining('5000 bytes, longer than 1000') })]);
  });

  it('reports an empty record as a skipped record', async () => {
    const { records, issues } = await read(kinesisEvent('s', ''));
    expect(records).toEqual([]);
    expect(issues).toEqual([expect.objectContaining({ level: 'warn', code: 'Empty' })]);
  });

  it('reports a record without data as malformed', async () => {
    const { issues } = await read({ Records: [{ eventSource: 'aws:kinesis', eventSourceARN: 'arn:aws:kinesis:r:1:stream/s', kinesis: {} }] });
    expect(issues).toEqual([expect.objectContaining({ code: 'Malformed', reason: expect.stringContaining('kinesis.data') })]);
  });
});
