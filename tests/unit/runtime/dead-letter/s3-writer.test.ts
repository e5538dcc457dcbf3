import { gunzipSync } from 'node:zlib';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { deadLetterWriterFromEnv, resetDeadLetterClient, s3DeadLetterWriter } from '../../../../runtime/dead-letter';
import { loadConfig } from '../../../../runtime/config';
import { createRuleProcessor } from '../../../../runtime/handlers';
import { silentLogger } from '../../../../runtime/logger';
import { DEFAULT_CONF_DIR } from '../../../_helpers/paths';
import { kinesisEvent } from '../classifier/payloads/_events';

const s3 = mockClient(S3Client);

beforeEach(() => {
  s3.reset();
  resetDeadLetterClient();
});

describe('default S3 dead-letter writer', () => {
  it('puts the object with PutObject: bucket, key, gzip content encoding and body', async () => {
    s3.on(PutObjectCommand).resolves({});
    const writer = s3DeadLetterWriter('acme-streamalert-data');
    await writer.put('dead-letter/prod/dt=2026-01-01/x.json.gz', Buffer.from('body'));
    expect(writer.destination).toBe('s3://acme-streamalert-data');
    const [call] = s3.commandCalls(PutObjectCommand);
    expect(call.args[0].input).toEqual(
      expect.objectContaining({ Bucket: 'acme-streamalert-data', Key: 'dead-letter/prod/dt=2026-01-01/x.json.gz', ContentEncoding: 'gzip', ContentType: 'application/x-ndjson' }),
    );
  });

  it('is what the rule processor uses in Lambda when DEAD_LETTER_BUCKET is set: one gzip JSON-lines object per invocation', async () => {
    s3.on(PutObjectCommand).resolves({});
    const saved = { ...process.env };
    Object.assign(process.env, { DEAD_LETTER_BUCKET: 'acme-streamalert-data', AWS_LAMBDA_FUNCTION_NAME: 'acme_prod_streamalert_rules' });
    try {
      const handle = createRuleProcessor({ config: loadConfig(DEFAULT_CONF_DIR), cluster: 'prod', logger: silentLogger });
      await handle(kinesisEvent('acme_prod_streamalert', 'not a log line'), { awsRequestId: 'abc' });
    } finally {
      process.env = saved;
    }
    const calls = s3.commandCalls(PutObjectCommand);
    expect(calls).toHaveLength(1);
    const input = calls[0].args[0].input;
    expect(input).toEqual(expect.objectContaining({ Bucket: 'acme-streamalert-data', ContentEncoding: 'gzip', Key: expect.stringMatching(/^dead-letter\/prod\/dt=.*-abc\.json\.gz$/) }));
    const lines = gunzipSync(input.Body as Uint8Array).toString('utf8').trimEnd().split('\n');
    expect(lines.map((l) => JSON.parse(l) as { kind: string; data: string })).toEqual([expect.objectContaining({ kind: 'unclassified', data: 'not a log line' })]);
  });

  it.each([
    [{}, undefined],
    [{ DEAD_LETTER_BUCKET: '', AWS_LAMBDA_FUNCTION_NAME: 'f' }, undefined],
    [{ DEAD_LETTER_BUCKET: 'b' }, undefined],
    [{ DEAD_LETTER_BUCKET: 'b', AWS_LAMBDA_FUNCTION_NAME: 'f' }, 's3://b'],
  ])('is configured from the environment, in Lambda only: %j', (env, destination) => {
    expect(deadLetterWriterFromEnv(env)?.destination).toBe(destination);
  });
});
