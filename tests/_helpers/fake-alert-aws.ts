/**
 * A loopback fake of the AWS calls alert delivery makes besides DynamoDB and SSM: S3 objects (path-style
 * PUT and GET), SNS Publish (query or JSON protocol), SQS SendMessage (JSON 1.0), Firehose PutRecordBatch
 * (JSON 1.1) and Lambda Invoke (REST). It keeps every call so a test can see what each output received and
 * what the merger sent the processor. One server for all: point `AWS_ENDPOINT_URL` at it.
 */
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One call received, by service. */
export interface FakeAlertCall {
  readonly service: 's3' | 'sns' | 'sqs' | 'firehose' | 'lambda';
  /** Bucket/key, topic ARN, queue URL, stream name or function name. */
  readonly target: string;
  /** Object body, message, record data (base64-decoded) or invocation payload. */
  readonly body: string;
  /** Lambda: the `X-Amz-Invocation-Type` header. */
  readonly invocationType?: string;
}

export interface FakeAlertAws {
  readonly url: string;
  readonly calls: FakeAlertCall[];
  /** S3 objects by `bucket/key`. */
  readonly objects: Map<string, Buffer>;
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function reply(res: ServerResponse, status: number, body: string, type: string): void {
  res.writeHead(status, { 'content-type': type, 'content-length': String(Buffer.byteLength(body)) });
  res.end(body);
}

/** Starts the fake on 127.0.0.1 at a free port. */
export async function startFakeAlertAws(): Promise<FakeAlertAws> {
  const calls: FakeAlertCall[] = [];
  const objects = new Map<string, Buffer>();
  let id = 0;
  const nextId = (): string => `fake-${++id}`;

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const raw = await readBody(req);
    const target = String(req.headers['x-amz-target'] ?? '');
    const json = () => JSON.parse(raw.toString('utf8') || '{}') as Record<string, unknown>;
    const invoke = /^\/2015-03-31\/functions\/([^/]+)\/invocations$/.exec(url.pathname);
    if (invoke) {
      const qualifier = url.searchParams.get('Qualifier');
      const name = decodeURIComponent(invoke[1]) + (qualifier ? `:${qualifier}` : '');
      calls.push({ service: 'lambda', target: name, body: raw.toString('utf8'), invocationType: String(req.headers['x-amz-invocation-type'] ?? '') });
      return reply(res, 202, '', 'application/json');
    }
    if (target.startsWith('Firehose_20150804.')) {
      const input = json() as { DeliveryStreamName: string; Records: { Data: string }[] };
      for (const r of input.Records) calls.push({ service: 'firehose', target: input.DeliveryStreamName, body: Buffer.from(r.Data, 'base64').toString('utf8') });
      const responses = input.Records.map(() => ({ RecordId: nextId() }));
      return reply(res, 200, JSON.stringify({ FailedPutCount: 0, Encrypted: true, RequestResponses: responses }), 'application/x-amz-json-1.1');
    }
    if (target === 'AmazonSQS.SendMessage') {
      const input = json() as { QueueUrl: string; MessageBody: string };
      calls.push({ service: 'sqs', target: input.QueueUrl, body: input.MessageBody });
      // The SDK checks the MD5 of the body it sent.
      const md5 = createHash('md5').update(input.MessageBody).digest('hex');
      return reply(res, 200, JSON.stringify({ MessageId: nextId(), MD5OfMessageBody: md5 }), 'application/x-amz-json-1.0');
    }
    if (target === 'AmazonSNS.Publish') {
      const input = json() as { TopicArn: string; Message: string };
      calls.push({ service: 'sns', target: input.TopicArn, body: input.Message });
      return reply(res, 200, JSON.stringify({ MessageId: nextId() }), 'application/x-amz-json-1.0');
    }
    const form = String(req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded') ? new URLSearchParams(raw.toString('utf8')) : undefined;
    if (form?.get('Action') === 'Publish') {
      calls.push({ service: 'sns', target: form.get('TopicArn') ?? '', body: form.get('Message') ?? '' });
      const xml = `<PublishResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><PublishResult><MessageId>${nextId()}</MessageId></PublishResult><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></PublishResponse>`;
      return reply(res, 200, xml, 'text/xml');
    }
    // S3, path style: /<bucket>/<key>.
    const key = decodeURIComponent(url.pathname.slice(1));
    if (req.method === 'PUT') {
      objects.set(key, raw);
      calls.push({ service: 's3', target: key, body: raw.toString('utf8') });
      res.writeHead(200, { etag: '"fake"', 'content-length': '0' });
      return void res.end();
    }
    if (req.method === 'GET' && objects.has(key)) return reply(res, 200, objects.get(key)!.toString('utf8'), 'application/octet-stream');
    const xml = '<?xml version="1.0" encoding="UTF-8"?><Error><Code>NoSuchKey</Code><Message>fake AWS: nothing here</Message></Error>';
    return reply(res, 404, xml, 'application/xml');
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => reply(res, 500, JSON.stringify({ message: String(err) }), 'application/json'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    calls,
    objects,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
