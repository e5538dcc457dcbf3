import { Readable } from 'node:stream';
import { GetObjectCommand, S3Client, type GetObjectCommandOutput } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { readEvent, type ReadIssue } from '../../../../../runtime/classifier/payloads';
import { resetS3Client } from '../../../../../runtime/classifier/payloads/s3-getter';
import { s3Notification } from './_events';

const s3 = mockClient(S3Client);

beforeEach(() => {
  s3.reset();
  resetS3Client();
});

async function readAll(event: unknown): Promise<{ data: unknown[]; issues: ReadIssue[] }> {
  const issues: ReadIssue[] = [];
  const data: unknown[] = [];
  for await (const record of readEvent(event, { onIssue: (i) => issues.push(i) })) data.push(record.data);
  return { data, issues };
}

describe('default S3 object getter', () => {
  it('fetches the object with GetObject under the decoded key', async () => {
    s3.on(GetObjectCommand, { Bucket: 'acme.logs', Key: 'dir/a b.log' }).resolves({ Body: Readable.from([Buffer.from('l1\nl2\n')]) as unknown as GetObjectCommandOutput['Body'] });
    const { data, issues } = await readAll(s3Notification('acme.logs', 'dir/a+b.log'));
    expect(issues).toEqual([]);
    expect(data).toEqual(['l1', 'l2']);
    expect(s3.commandCalls(GetObjectCommand)).toHaveLength(1);
  });

  it('reports an AWS error by name and message, without throwing', async () => {
    s3.on(GetObjectCommand).rejects(Object.assign(new Error('Access Denied'), { name: 'AccessDenied' }));
    const { data, issues } = await readAll(s3Notification('acme.logs', 'k'));
    expect(data).toEqual([]);
    expect(issues).toEqual([expect.objectContaining({ code: 'FetchFailed', reason: 's3://acme.logs/k: could not be fetched: AccessDenied: Access Denied' })]);
  });

  it('reads an object without a body as empty', async () => {
    s3.on(GetObjectCommand).resolves({});
    const { issues } = await readAll(s3Notification('acme.logs', 'k'));
    expect(issues).toEqual([expect.objectContaining({ level: 'warn', code: 'Empty' })]);
  });
});
