/**
 * One loopback server for the reliability suite: S3 (path-style GetObject and PutObject) and Firehose
 * (PutRecordBatch), with faults a test switches on per object or per call: S3 503 SlowDown, a connection
 * reset mid-object, a failing dead-letter PutObject, Firehose refusing entries, DynamoDB unavailable (503).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';

/** What GetObject does for one key. */
export type ObjectFault = 'slowdown' | 'reset' | undefined;

/** The fake and its state. */
export interface ReliabilityAws {
  readonly url: string;
  /** Objects by `bucket/key`. */
  readonly objects: Map<string, Buffer>;
  /** Faults by `bucket/key`. */
  readonly faults: Map<string, ObjectFault>;
  /** Dead-letter objects written: their JSON lines, parsed. */
  readonly deadLetters: { key: string; entries: Record<string, unknown>[] }[];
  /** Records Firehose took, as text. */
  readonly delivered: string[];
  /** When set, PutObject answers 403 AccessDenied. */
  failPutObject: boolean;
  /** When set, Firehose refuses every entry with ServiceUnavailableException. */
  refuseFirehose: boolean;
  /** DynamoDB requests received (every one answered 503: the table is unavailable). */
  readonly dynamoCalls: string[];
  /** GetObject requests received per `bucket/key` (SDK retries included). */
  readonly gets: Map<string, number>;
  reset(): void;
  close(): Promise<void>;
}

function xmlError(res: ServerResponse, status: number, code: string, message: string): void {
  const body = `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${message}</Message></Error>`;
  res.writeHead(status, { 'content-type': 'application/xml', 'content-length': String(Buffer.byteLength(body)) });
  res.end(body);
}

/** The gzip member inside a PutObject body (the SDK may wrap it in aws-chunked encoding). */
function gzipIn(body: Buffer): Buffer {
  const at = body.indexOf(Buffer.from([0x1f, 0x8b, 0x08]));
  const end = body.lastIndexOf(Buffer.from('\r\n0\r\n'));
  return body.subarray(at, end > at ? end : body.length);
}

/** Starts the fake on 127.0.0.1 (free port). */
export async function startReliabilityAws(): Promise<ReliabilityAws> {
  const state = {
    objects: new Map<string, Buffer>(),
    faults: new Map<string, ObjectFault>(),
    deadLetters: [] as { key: string; entries: Record<string, unknown>[] }[],
    delivered: [] as string[],
    gets: new Map<string, number>(),
    dynamoCalls: [] as string[],
    failPutObject: false,
    refuseFirehose: false,
  };
  const handle = (req: IncomingMessage, res: ServerResponse, body: Buffer): void => {
    const target = String(req.headers['x-amz-target'] ?? '');
    if (target === 'Firehose_20150804.PutRecordBatch') {
      const request = JSON.parse(body.toString('utf8')) as { Records: { Data: string }[] };
      const records = request.Records.map((r) => Buffer.from(r.Data, 'base64').toString('utf8'));
      if (!state.refuseFirehose) state.delivered.push(...records);
      const responses = records.map((_, i) =>
        state.refuseFirehose ? { ErrorCode: 'ServiceUnavailableException', ErrorMessage: 'Slow down.' } : { RecordId: `r-${i}` },
      );
      const text = JSON.stringify({ FailedPutCount: state.refuseFirehose ? records.length : 0, Encrypted: true, RequestResponses: responses });
      res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1', 'content-length': String(Buffer.byteLength(text)) });
      res.end(text);
      return;
    }
    if (target.startsWith('DynamoDB_20120810.')) {
      state.dynamoCalls.push(target.slice('DynamoDB_20120810.'.length));
      const text = JSON.stringify({ __type: 'com.amazon.coral.availability#ServiceUnavailableException', message: 'Service unavailable' });
      res.writeHead(503, { 'content-type': 'application/x-amz-json-1.0', 'content-length': String(Buffer.byteLength(text)) });
      res.end(text);
      return;
    }
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname).slice(1);
    if (req.method === 'PUT') {
      if (state.failPutObject) return xmlError(res, 403, 'AccessDenied', 'Access Denied');
      const text = gunzipSync(gzipIn(body)).toString('utf8');
      state.deadLetters.push({ key: path, entries: text.trimEnd().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>) });
      res.writeHead(200, { etag: '"1"' });
      res.end();
      return;
    }
    state.gets.set(path, (state.gets.get(path) ?? 0) + 1);
    const fault = state.faults.get(path);
    if (fault === 'slowdown') return xmlError(res, 503, 'SlowDown', 'Please reduce your request rate.');
    const object = state.objects.get(path);
    if (object === undefined) return xmlError(res, 404, 'NoSuchKey', 'The specified key does not exist.');
    res.writeHead(200, { 'content-length': String(object.length), 'content-type': 'application/octet-stream' });
    if (fault === 'reset') {
      // Half the object, then the connection drops.
      res.write(object.subarray(0, Math.floor(object.length / 2)), () => setTimeout(() => req.socket.destroy(), 20));
      return;
    }
    res.end(object);
  };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => handle(req, res, Buffer.concat(chunks)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return Object.assign(state, {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    reset() {
      state.objects.clear();
      state.faults.clear();
      state.gets.clear();
      state.dynamoCalls.length = 0;
      state.deadLetters.length = 0;
      state.delivered.length = 0;
      state.failPutObject = false;
      state.refuseFirehose = false;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
}
