import { gzipSync } from 'node:zlib';
import { read, s3Notification, snsEnvelope, snsEvent, sqsEvent } from './_events';

const BUCKET = 'acme.prod.cloudtrail';
const OBJECTS = { [`${BUCKET}/AWSLogs/a b.json.gz`]: gzipSync('{"a":1}\n{"a":2}\n') };
const NOTIFICATION = JSON.stringify(s3Notification(BUCKET, 'AWSLogs/a+b.json.gz'));
const S3_RECORDS = [
  { data: '{"a":1}', source: { service: 's3', resource: BUCKET, location: 'AWSLogs/a b.json.gz:1' } },
  { data: '{"a":2}', source: { service: 's3', resource: BUCKET, location: 'AWSLogs/a b.json.gz:2' } },
];

describe('sns payload reader', () => {
  it('reads the message of each record, named by topic and message id', async () => {
    const { records, issues } = await read(snsEvent('acme_prod_binaryalert', '{"binary":1}', 'plain text'));
    expect(issues).toEqual([]);
    expect(records).toEqual([
      { data: '{"binary":1}', source: { service: 'sns', resource: 'acme_prod_binaryalert', location: 'msg-0' } },
      { data: 'plain text', source: { service: 'sns', resource: 'acme_prod_binaryalert', location: 'msg-1' } },
    ]);
  });

  it('unwraps an S3 event notification to the records of its objects', async () => {
    const { records, issues } = await read(snsEvent('bucket-events', NOTIFICATION), { objects: OBJECTS });
    expect(issues).toEqual([]);
    expect(records).toEqual(S3_RECORDS);
  });

  it('skips the s3:TestEvent that S3 sends when a notification is configured', async () => {
    const test = JSON.stringify({ Service: 'Amazon S3', Event: 's3:TestEvent', Bucket: BUCKET });
    const { records, issues } = await read(snsEvent('bucket-events', test));
    expect(records).toEqual([]);
    expect(issues).toEqual([expect.objectContaining({ level: 'info', code: 'Skipped', reason: expect.stringContaining('s3:TestEvent') })]);
  });
});

describe('sqs payload reader', () => {
  it('reads the body of each message, named by queue and message id', async () => {
    const { records } = await read(sqsEvent('acme_corp_appliance_logs', 'Jan  1 00:00:00 host sshd[1]: hi'));
    expect(records).toEqual([
      { data: 'Jan  1 00:00:00 host sshd[1]: hi', source: { service: 'sqs', resource: 'acme_corp_appliance_logs', location: 'sqs-0' } },
    ]);
  });

  it('unwraps an S3 event notification in the body', async () => {
    const { records } = await read(sqsEvent('q', NOTIFICATION), { objects: OBJECTS });
    expect(records).toEqual(S3_RECORDS);
  });

  it('uses the message inside an SNS envelope, keeping the queue as the source', async () => {
    const { records } = await read(sqsEvent('q', snsEnvelope('topic', '{"inner":true}')));
    expect(records).toEqual([{ data: '{"inner":true}', source: { service: 'sqs', resource: 'q', location: 'sqs-0' } }]);
  });

  it('unwraps an S3 notification delivered through SNS then SQS', async () => {
    const { records } = await read(sqsEvent('q', snsEnvelope('topic', NOTIFICATION)), { objects: OBJECTS });
    expect(records).toEqual(S3_RECORDS);
  });

  it('keeps a JSON body that only looks like an envelope as it is', async () => {
    const body = JSON.stringify({ Type: 'Notification', Message: 'no topic arn' });
    const { records } = await read(sqsEvent('q', body));
    expect(records.map((r) => r.data)).toEqual([body]);
  });

  it('reports an empty body and reads the next message', async () => {
    const { records, issues } = await read(sqsEvent('q', '  ', 'next'));
    expect(records.map((r) => r.data)).toEqual(['next']);
    expect(issues).toEqual([expect.objectContaining({ level: 'warn', code: 'Empty', reason: 'sqs q sqs-0: empty message, skipped' })]);
  });
});
