/**
 * A loopback HTTP server answering Firehose PutRecordBatch (AWS JSON 1.1 protocol,
 * `X-Amz-Target: Firehose_20150804.PutRecordBatch`), keeping what it received so a test can inspect it.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One PutRecordBatch call received. */
export interface FirehoseCall {
  readonly target: string;
  readonly stream: string;
  /** The records' Data, base64-decoded, as text. */
  readonly records: string[];
}

export interface FakeFirehose {
  readonly url: string;
  readonly calls: FirehoseCall[];
  close(): Promise<void>;
}

/** Starts the server on 127.0.0.1 on a free port; every record is accepted. */
export async function startFakeFirehose(): Promise<FakeFirehose> {
  const calls: FirehoseCall[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const target = String(req.headers['x-amz-target'] ?? '');
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as { DeliveryStreamName?: string; Records?: { Data: string }[] };
      const records = (body.Records ?? []).map((r) => Buffer.from(r.Data, 'base64').toString('utf8'));
      calls.push({ target, stream: body.DeliveryStreamName ?? '', records });
      const text = JSON.stringify(
        target === 'Firehose_20150804.PutRecordBatch'
          ? { FailedPutCount: 0, Encrypted: true, RequestResponses: records.map((_, i) => ({ RecordId: `record-${calls.length}-${i}` })) }
          : { __type: 'UnknownOperationException', message: `not faked: ${target}` },
      );
      res.writeHead(target === 'Firehose_20150804.PutRecordBatch' ? 200 : 400, { 'content-type': 'application/x-amz-json-1.1', 'content-length': String(Buffer.byteLength(text)) });
      res.end(text);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    calls,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
