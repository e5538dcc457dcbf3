import { FirehoseClient, PutRecordBatchCommand } from '@aws-sdk/client-firehose';
import { mockClient } from 'aws-sdk-client-mock';
import { createFirehoseSender, defaultFirehoseSender, resetFirehoseClients } from '../../../../runtime/firehose';

const firehose = mockClient(FirehoseClient);
const encode = (text: string): Uint8Array => new TextEncoder().encode(text);

beforeEach(() => {
  firehose.reset();
  resetFirehoseClients();
});

describe('default Firehose sender', () => {
  it('sends PutRecordBatch with the stream name and each record as Data, in the account region', async () => {
    firehose.on(PutRecordBatchCommand).resolves({ FailedPutCount: 0, RequestResponses: [{ RecordId: '1' }, { RecordId: '2' }] });
    const outcome = await createFirehoseSender('eu-west-1').putRecordBatch('acme_streamalert_osquery_differential', [encode('{"a":1}\n'), encode('{"a":2}\n')]);
    expect(outcome).toEqual({ failed: [] });
    const calls = firehose.commandCalls(PutRecordBatchCommand);
    expect(calls.map((c) => c.args[0].input)).toEqual([
      { DeliveryStreamName: 'acme_streamalert_osquery_differential', Records: [{ Data: encode('{"a":1}\n') }, { Data: encode('{"a":2}\n') }] },
    ]);
    expect(await calls[0].thisValue.config.region()).toBe('eu-west-1');
  });

  it('reports the refused entries by position with their error codes', async () => {
    firehose.on(PutRecordBatchCommand).resolves({
      FailedPutCount: 1,
      RequestResponses: [{ RecordId: '1' }, { ErrorCode: 'ServiceUnavailableException', ErrorMessage: 'Slow down.' }],
    });
    const outcome = await createFirehoseSender('us-east-1').putRecordBatch('s', [encode('a'), encode('b')]);
    expect(outcome).toEqual({ failed: [{ index: 1, code: 'ServiceUnavailableException', message: 'Slow down.' }] });
  });

  it('counts an entry without a response as refused when the call reports failures', async () => {
    firehose.on(PutRecordBatchCommand).resolves({ FailedPutCount: 1, RequestResponses: [{ RecordId: '1' }] });
    const outcome = await createFirehoseSender('us-east-1').putRecordBatch('s', [encode('a'), encode('b')]);
    expect(outcome.failed).toEqual([{ index: 1, code: 'MissingResponse', message: undefined }]);
  });

  it('lets a failed call throw (the forwarder counts it)', async () => {
    firehose.on(PutRecordBatchCommand).rejects(Object.assign(new Error('not found'), { name: 'ResourceNotFoundException' }));
    await expect(createFirehoseSender('us-east-1').putRecordBatch('s', [encode('a')])).rejects.toThrow('not found');
  });

  it.each([
    ['sends by default in Lambda', { AWS_LAMBDA_FUNCTION_NAME: 'acme_prod_streamalert_rules' }, true],
    ['sends nothing by default outside Lambda (lambda test, process)', {}, false],
  ])('%s', (_, env, expected) => {
    expect(defaultFirehoseSender({ account: { id: '123456789012', prefix: 'acme', region: 'us-east-1' } }, env) !== undefined).toBe(expected);
  });
});
