import { describe, expect, it } from '@jest/globals';
import { gunzipSync } from 'node:zlib';
import { buildLambdaEvent, fillTemplate } from '../../../../cli/testing/events';
import { createMemoryStore } from '../../../../cli/testing/memory-store';

const base = { source: 'res', compress: false, id: 7, account: '123456789012', region: 'us-east-1', now: new Date('2026-01-01T00:00:00Z') };
type Rec = { Records: Record<string, never>[] };

async function readAll(stream: AsyncIterable<Uint8Array>): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks).toString('utf8');
}

describe('Lambda events from templates', () => {
  it('base64-encodes Kinesis data, gzip when asked, and names the stream in the ARN', () => {
    const store = createMemoryStore();
    const plain = buildLambdaEvent({ ...base, service: 'kinesis', data: { a: 1 } }, store) as { Records: { kinesis: { data: string }; eventSourceARN: string }[] };
    expect(Buffer.from(plain.Records[0]!.kinesis.data, 'base64').toString()).toBe('{"a":1}');
    expect(plain.Records[0]!.eventSourceARN).toBe('arn:aws:kinesis:us-east-1:123456789012:stream/res');
    const zipped = buildLambdaEvent({ ...base, service: 'kinesis', data: 'line', compress: true }, store) as { Records: { kinesis: { data: string } }[] };
    expect(gunzipSync(Buffer.from(zipped.Records[0]!.kinesis.data, 'base64')).toString()).toBe('line');
  });

  it('stores S3 data as an object that the event points at', async () => {
    const store = createMemoryStore();
    const event = buildLambdaEvent({ ...base, service: 's3', data: { a: 1 } }, store) as { Records: { s3: { bucket: { name: string }; object: { key: string; size: number } } }[] };
    const { bucket, object } = event.Records[0]!.s3;
    expect([bucket.name, object.size]).toEqual(['res', 7]);
    expect(await readAll(await store.getObject(bucket.name, object.key))).toBe('{"a":1}');
  });

  it.each([
    ['sns', (r: Rec) => (r.Records[0] as unknown as { Sns: { Message: string; TopicArn: string } }).Sns, { Message: '{"a":1}', TopicArn: 'arn:aws:sns:us-east-1:123456789012:res' }],
    ['sqs', (r: Rec) => r.Records[0] as unknown as { body: string; eventSourceARN: string }, { body: '{"a":1}', eventSourceARN: 'arn:aws:sqs:us-east-1:123456789012:res' }],
  ])('puts the data in the %s message', (service, pick, expected) => {
    expect(pick(buildLambdaEvent({ ...base, service, data: { a: 1 } }, createMemoryStore()) as Rec)).toMatchObject(expected);
  });

  it('wraps app logs as a StreamAlert app payload', () => {
    expect(buildLambdaEvent({ ...base, service: 'streamalert_app', data: { a: 1 } }, createMemoryStore())).toEqual({ streamalert_app: 'res', logs: [{ a: 1 }] });
  });

  it('fills a whole-string placeholder with any value and partial ones with text', () => {
    expect(fillTemplate({ n: '{{n}}', s: 'x-{{n}}', u: '{{unknown}}' }, { n: 5 })).toEqual({ n: 5, s: 'x-5', u: '{{unknown}}' });
  });
});
