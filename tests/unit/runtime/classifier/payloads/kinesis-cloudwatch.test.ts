/** CloudWatch Logs subscription records delivered through a Kinesis destination (gzip JSON envelopes). */
import { gzipSync } from 'node:zlib';
import { kinesisEvent, read } from './_events';

const envelope = (messageType: string, messages: string[]) => ({
  messageType,
  owner: '123456789012',
  logGroup: '/aws/lambda/acme_prod_streamalert_rules',
  logStream: '2026/11/28/[$LATEST]abc',
  subscriptionFilters: ['streamalert_function_errors'],
  logEvents: messages.map((message, i) => ({ id: String(i), timestamp: 1764300000000 + i, message })),
});

describe('kinesis payload reader, CloudWatch Logs envelopes', () => {
  it('yields a DATA_MESSAGE whole, inflated, for schemas that read the envelope (json_path logEvents[*].message)', async () => {
    const data = envelope('DATA_MESSAGE', ['{"level":"ERROR"}', '{"level":"ERROR","message":"again"}']);
    const { records, issues } = await read(kinesisEvent('acme_prod_streamalert', gzipSync(JSON.stringify(data))));
    expect(issues).toEqual([]);
    expect(records.map((r) => JSON.parse(String(r.data)))).toEqual([data]);
  });

  it('skips a gzip CONTROL_MESSAGE, reported as Skipped with the stream and sequence number', async () => {
    const control = { ...envelope('CONTROL_MESSAGE', ['CWL CONTROL MESSAGE: Checking health of destination Kinesis stream.']), owner: 'CloudwatchLogs', logGroup: '' };
    const { records, issues } = await read(kinesisEvent('acme_prod_streamalert', gzipSync(JSON.stringify(control))));
    expect(records).toEqual([]);
    expect(issues).toEqual([
      expect.objectContaining({ level: 'info', code: 'Skipped', reason: expect.stringMatching(/^kinesis acme_prod_streamalert \d+: CloudWatch Logs CONTROL_MESSAGE/), source: expect.objectContaining({ resource: 'acme_prod_streamalert' }) }),
    ]);
  });

  it.each([
    ['a record whose text mentions CONTROL_MESSAGE later on', gzipSync(JSON.stringify({ note: 'messageType CONTROL_MESSAGE', logEvents: [] }))],
    ['a gzip record that starts like a control message but is not JSON', gzipSync('{"messageType":"CONTROL_MESSAGE", truncated')],
  ])('keeps %s as a record', async (_name, data) => {
    const { records } = await read(kinesisEvent('acme_prod_streamalert', data));
    expect(records).toHaveLength(1);
  });
});
