/** Builders of Lambda events and a collector for the payload reader tests. */
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { readEvent, type ObjectGetter, type ReadIssue, type ReadLimits } from '../../../../../runtime/classifier/payloads';
import type { RawRecord } from '../../../../../runtime/classifier/types';

/** Everything a reader produced for one event. */
export interface ReadOutcome {
  readonly records: RawRecord[];
  readonly issues: ReadIssue[];
}

/** Options for {@link read}. */
export interface ReadOptions {
  readonly objects?: Readonly<Record<string, Buffer | string>>;
  readonly getObject?: ObjectGetter;
  readonly limits?: Partial<ReadLimits>;
  readonly beforeFetch?: (source: RawRecord['source']) => string | undefined;
}

/** Reads an event to the end and returns the records and the issues. */
export async function read(event: unknown, options: ReadOptions = {}): Promise<ReadOutcome> {
  const issues: ReadIssue[] = [];
  const records: RawRecord[] = [];
  const getObject = options.getObject ?? memoryGetter(options.objects ?? {});
  for await (const record of readEvent(event, { onIssue: (i) => issues.push(i), getObject, limits: options.limits, beforeFetch: options.beforeFetch })) {
    records.push(record);
  }
  return { records, issues };
}

/** A getter over in-memory objects keyed `bucket/key`; a missing object fails like S3's NoSuchKey. */
export function memoryGetter(objects: Readonly<Record<string, Buffer | string>>, chunkSize = 64 * 1024): ObjectGetter {
  return async (bucket, key) => {
    const body = objects[`${bucket}/${key}`];
    if (body === undefined) throw Object.assign(new Error('The specified key does not exist.'), { name: 'NoSuchKey' });
    const bytes = Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8');
    const chunks: Buffer[] = [];
    for (let i = 0; i < bytes.length; i += chunkSize) chunks.push(bytes.subarray(i, i + chunkSize));
    return Readable.from(chunks);
  };
}

export const REGION = 'us-east-1';
export const ACCOUNT = '123456789012';

/** A Kinesis event with one record per data item (strings are base64-encoded, Buffers as given). */
export function kinesisEvent(stream: string, ...data: (string | Buffer)[]): unknown {
  return {
    Records: data.map((item, i) => ({
      eventSource: 'aws:kinesis',
      eventSourceARN: `arn:aws:kinesis:${REGION}:${ACCOUNT}:stream/${stream}`,
      eventID: `shardId-000000000000:${i}`,
      kinesis: { data: Buffer.from(item).toString('base64'), sequenceNumber: `4954511524349098501828006771497314458218006259324420096${i}`, partitionKey: 'pk' },
    })),
  };
}

/** The body of an S3 event notification naming objects (keys as S3 writes them: URL-encoded). */
export function s3Notification(bucket: string, ...keys: (string | { key: string; size?: number; eventName?: string })[]): { Records: unknown[] } {
  return {
    Records: keys.map((item) => {
      const { key, size, eventName } = typeof item === 'string' ? { key: item, size: undefined, eventName: undefined } : item;
      return {
        eventVersion: '2.1',
        eventSource: 'aws:s3',
        awsRegion: REGION,
        eventName: eventName ?? 'ObjectCreated:Put',
        s3: { s3SchemaVersion: '1.0', bucket: { name: bucket, arn: `arn:aws:s3:::${bucket}` }, object: { key, ...(size === undefined ? {} : { size }) } },
      };
    }),
  };
}

/** An SNS event with one message per item. */
export function snsEvent(topic: string, ...messages: string[]): unknown {
  return {
    Records: messages.map((message, i) => ({
      EventSource: 'aws:sns',
      EventSubscriptionArn: `arn:aws:sns:${REGION}:${ACCOUNT}:${topic}:sub-${i}`,
      Sns: { Type: 'Notification', MessageId: `msg-${i}`, TopicArn: `arn:aws:sns:${REGION}:${ACCOUNT}:${topic}`, Message: message },
    })),
  };
}

/** An SQS event with one message per body. */
export function sqsEvent(queue: string, ...bodies: string[]): unknown {
  return {
    Records: bodies.map((body, i) => ({
      eventSource: 'aws:sqs',
      eventSourceARN: `arn:aws:sqs:${REGION}:${ACCOUNT}:${queue}`,
      messageId: `sqs-${i}`,
      body,
    })),
  };
}

/** The JSON that SQS receives from an SNS subscription without raw message delivery. */
export function snsEnvelope(topic: string, message: string): string {
  return JSON.stringify({ Type: 'Notification', MessageId: 'env-1', TopicArn: `arn:aws:sns:${REGION}:${ACCOUNT}:${topic}`, Message: message });
}

/** A CloudWatch Logs subscription payload delivered to Lambda. */
export function cloudWatchLogsEvent(payload: Record<string, unknown>): unknown {
  return { awslogs: { data: gzipSync(JSON.stringify(payload)).toString('base64') } };
}

/** Data that fails UTF-8 decoding (a lone continuation byte and an overlong encoding). */
export const INVALID_UTF8 = Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0x80, 0xc0, 0xaf, 0x22, 0x7d]);

/** Random-looking bytes with NULs: binary garbage. */
export function binaryGarbage(size: number): Buffer {
  const bytes = Buffer.alloc(size);
  let x = 12345;
  for (let i = 0; i < size; i++) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    bytes[i] = x & 0xff;
  }
  bytes[1] = 0;
  return bytes;
}

/** A gzip bomb: `size` zero bytes (or a repeated line) compressed to a few KB. */
export function gzipBomb(size: number, line = '{"a":1}\n'): Buffer {
  return gzipSync(Buffer.alloc(size, line));
}
