/** The four AWS outputs of alert delivery part 1 (aws-s3, aws-sns, aws-sqs, aws-firehose), with aws-sdk-client-mock. */
import { FirehoseClient, PutRecordBatchCommand } from '@aws-sdk/client-firehose';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import '../../../../runtime/outputs/all';
import { getOutput, type OutputContext } from '../../../../runtime/outputs';
import { splitUtf8 } from '../../../../runtime/outputs/aws/split';
import { SNS_PART_BYTES, snsSubject, topicArn } from '../../../../runtime/outputs/aws/aws-sns';
import { silentLogger } from '../../../../runtime/logger';
import { makeAlert } from '../../../_helpers/alerts';

const s3 = mockClient(S3Client);
const sns = mockClient(SNSClient);
const sqs = mockClient(SQSClient);
const firehose = mockClient(FirehoseClient);
afterAll(() => [s3, sns, sqs, firehose].forEach((m) => m.restore()));
beforeEach(() => [s3, sns, sqs, firehose].forEach((m) => m.reset()));

const alert = makeAlert({ alert_id: 'abc123', title: 'Root login\nfrom ☃' });
const ctx = (resource: string, publication: Record<string, unknown> = { id: 'abc123', n: 1 }): OutputContext => ({
  descriptor: 'd',
  resource,
  properties: {},
  publication,
  account: { id: '123456789012', prefix: 'acme', region: 'us-east-1' },
  timeoutMs: 1000,
  logger: silentLogger,
});
const send = (service: string, resource: string, publication?: Record<string, unknown>) => getOutput(service)!.send(alert, ctx(resource, publication));

describe('AWS outputs', () => {
  it('aws-s3 writes the publication to a key made from the alert id, so a resend overwrites it', async () => {
    s3.on(PutObjectCommand).resolves({});
    expect(await send('aws-s3', 'alerts-bucket')).toEqual({ ok: true, detail: 's3://alerts-bucket/alerts/dt=2026-01-01/test_rule/abc123.json' });
    await send('aws-s3', 'alerts-bucket');
    const keys = s3.commandCalls(PutObjectCommand).map((c) => c.args[0].input.Key);
    expect(new Set(keys).size).toBe(1);
    expect(JSON.parse(String(s3.commandCalls(PutObjectCommand)[0].args[0].input.Body))).toEqual({ id: 'abc123', n: 1 });
  });

  it('aws-sqs sends one JSON message to the queue URL built from its name', async () => {
    sqs.on(SendMessageCommand).resolves({ MessageId: 'm-1' });
    expect(await send('aws-sqs', 'alerts-queue')).toEqual({ ok: true, detail: 'm-1' });
    expect(sqs.commandCalls(SendMessageCommand)[0].args[0].input).toEqual({ QueueUrl: 'https://sqs.us-east-1.amazonaws.com/123456789012/alerts-queue', MessageBody: '{"id":"abc123","n":1}' });
  });

  it('aws-firehose puts one JSON line on the delivery stream and reports a refused record as retryable', async () => {
    firehose.on(PutRecordBatchCommand).resolvesOnce({ FailedPutCount: 0, RequestResponses: [{ RecordId: 'r1' }] }).resolves({ FailedPutCount: 1, RequestResponses: [{ ErrorCode: 'ServiceUnavailableException', ErrorMessage: 'slow down' }] });
    expect(await send('aws-firehose', 'alerts-stream')).toEqual({ ok: true, detail: 'alerts-stream r1' });
    expect(Buffer.from(firehose.commandCalls(PutRecordBatchCommand)[0].args[0].input.Records![0].Data!).toString()).toBe('{"id":"abc123","n":1}\n');
    expect(await send('aws-firehose', 'alerts-stream')).toMatchObject({ ok: false, retryable: true, error: expect.stringMatching(/ServiceUnavailableException/) });
  });

  it('aws-sns publishes a small alert as one message with a clean subject', async () => {
    sns.on(PublishCommand).resolves({ MessageId: 'p-1' });
    expect(await send('aws-sns', 'alerts-topic')).toEqual({ ok: true, detail: 'p-1' });
    const input = sns.commandCalls(PublishCommand)[0].args[0].input;
    expect(input).toMatchObject({ TopicArn: 'arn:aws:sns:us-east-1:123456789012:alerts-topic', Message: '{"id":"abc123","n":1}', Subject: 'Root login?from ?' });
    expect(input.MessageAttributes).toBeUndefined();
  });

  it('aws-sns splits an alert over the limit into ordered parts that join back to the publication', async () => {
    sns.on(PublishCommand).resolves({ MessageId: 'p' });
    const publication = { id: 'abc123', blob: 'é'.repeat(300_000), tail: 'end' };
    expect(await send('aws-sns', 'arn:aws:sns:eu-west-1:111111111111:t', publication)).toEqual({ ok: true, detail: '3 parts' });
    const inputs = sns.commandCalls(PublishCommand).map((c) => c.args[0].input);
    expect(inputs.map((i) => i.MessageAttributes?.part?.StringValue)).toEqual(['1', '2', '3']);
    expect(inputs.every((i) => i.MessageAttributes?.parts?.StringValue === '3' && i.MessageAttributes?.alert_id?.StringValue === 'abc123')).toBe(true);
    expect(inputs.every((i) => Buffer.byteLength(i.Message!) <= SNS_PART_BYTES && i.TopicArn === 'arn:aws:sns:eu-west-1:111111111111:t')).toBe(true);
    expect(JSON.parse(inputs.map((i) => i.Message).join(''))).toEqual(publication);
  });

  it.each([
    ['a timeout as retryable', Object.assign(new Error('aborted'), { name: 'AbortError' }), true, /no answer within 1000 ms/],
    ['throttling as retryable', Object.assign(new Error('slow'), { name: 'Throttling', $metadata: { httpStatusCode: 400 } }), true, /Throttling/],
    ['a missing topic as permanent', Object.assign(new Error('no topic'), { name: 'NotFoundException', $metadata: { httpStatusCode: 404 } }), false, /NotFoundException \(HTTP 404\)/],
  ])('reports %s', async (_name, error, retryable, message) => {
    sns.on(PublishCommand).rejects(error);
    expect(await send('aws-sns', 'alerts-topic')).toMatchObject({ ok: false, retryable, error: expect.stringMatching(message) });
  });

  it('refuses an SQS message over the limit as a permanent failure naming the size', async () => {
    expect(await send('aws-sqs', 'q', { blob: 'x'.repeat(300_000) })).toMatchObject({ ok: false, retryable: false, error: expect.stringMatching(/over the 262144-byte message limit/) });
    expect(sqs.commandCalls(SendMessageCommand)).toHaveLength(0);
  });

  it.each([
    ['ascii', 'abc', 2, ['ab', 'c']],
    ['two-byte characters', 'ééé', 3, ['é', 'é', 'é']],
    ['a four-byte character', 'a😀b', 4, ['a', '😀', 'b']],
  ])('splits %s text without cutting a character', (_name, text, max, parts) => {
    expect(splitUtf8(text, max)).toEqual(parts);
  });

  it('builds topic ARNs per partition and keeps a given ARN', () => {
    expect(topicArn('t', 'cn-north-1', '1')).toBe('arn:aws-cn:sns:cn-north-1:1:t');
    expect(topicArn('arn:aws:sns:x:1:t', 'us-east-1', '2')).toBe('arn:aws:sns:x:1:t');
    expect(snsSubject('')).toBe('StreamAlert alert');
  });
});
