/** The AWS outputs of alert delivery, with aws-sdk-client-mock: payloads, assumed roles, throttling, permanent errors. */
import { InvokeCommand, LambdaClient, TooManyRequestsException, ResourceNotFoundException } from '@aws-sdk/client-lambda';
import { SendRawEmailCommand, SESClient, MessageRejected } from '@aws-sdk/client-ses';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { cloudwatchLogOutput } from '../../../../runtime/outputs/aws-cloudwatch-log';
import { lambdaOutput, lambdaV2Output, splitFunction } from '../../../../runtime/outputs/aws-lambda';
import { sesOutput } from '../../../../runtime/outputs/aws-ses';
import { defaultPublication, outputContext, sampleAlert } from '../../../_helpers/output-context';

const lambda = mockClient(LambdaClient);
const sts = mockClient(STSClient);
const ses = mockClient(SESClient);
const meta = { httpStatusCode: 429, attempts: 3, totalRetryDelay: 0 };

beforeEach(() => {
  lambda.reset();
  sts.reset();
  ses.reset();
});
afterAll(() => {
  lambda.restore();
  sts.restore();
  ses.restore();
});

const alert = sampleAlert();

describe('aws-lambda output', () => {
  it.each([
    ['my-function', { name: 'my-function' }],
    ['my-function:production', { name: 'my-function', qualifier: 'production' }],
    ['arn:aws:lambda:us-east-1:123456789012:function:f', { name: 'arn:aws:lambda:us-east-1:123456789012:function:f' }],
    ['arn:aws:lambda:us-east-1:123456789012:function:f:prod', { name: 'arn:aws:lambda:us-east-1:123456789012:function:f', qualifier: 'prod' }],
  ])('reads the function and qualifier from %s', (value, expected) => {
    expect(splitFunction(value)).toEqual(expected);
  });

  it('invokes the function of outputs.json asynchronously with the record', async () => {
    lambda.on(InvokeCommand).resolves({ StatusCode: 202 });
    const { context } = outputContext('responder', {}, { resource: 'responder-fn:live' });
    expect(await lambdaOutput.send(alert, context)).toEqual({ ok: true, detail: 'invoked responder-fn:live (status 202)' });
    const input = lambda.commandCalls(InvokeCommand)[0].args[0].input;
    expect(input).toMatchObject({ FunctionName: 'responder-fn', Qualifier: 'live', InvocationType: 'Event' });
    expect(JSON.parse(Buffer.from(input.Payload as Uint8Array).toString())).toEqual(alert.record);
  });

  it('sends @aws-lambda.alert_data instead of the record when a publisher sets it', async () => {
    lambda.on(InvokeCommand).resolves({ StatusCode: 202 });
    const publication = { ...defaultPublication(alert), '@aws-lambda.alert_data': { only: 'this' } };
    const { context } = outputContext('responder', {}, { resource: 'fn', publication });
    await lambdaOutput.send(alert, context);
    expect(JSON.parse(Buffer.from(lambda.commandCalls(InvokeCommand)[0].args[0].input.Payload as Uint8Array).toString())).toEqual({ only: 'this' });
  });

  it('reports throttling as retryable and a missing function as permanent', async () => {
    lambda
      .on(InvokeCommand)
      .rejectsOnce(new TooManyRequestsException({ message: 'Rate exceeded', $metadata: meta }))
      .rejectsOnce(new ResourceNotFoundException({ message: 'Function not found', $metadata: { httpStatusCode: 404 } }));
    const { context } = outputContext('responder', {}, { resource: 'fn' });
    expect(await lambdaOutput.send(alert, context)).toMatchObject({ ok: false, retryable: true, error: expect.stringContaining('TooManyRequestsException') });
    expect(await lambdaOutput.send(alert, context)).toMatchObject({ ok: false, retryable: false, error: expect.stringContaining('Function not found') });
  });
});

describe('aws-lambda-v2 output', () => {
  it('assumes the role, then invokes with its credentials', async () => {
    sts.on(AssumeRoleCommand).resolves({ Credentials: { AccessKeyId: 'AKIAX', SecretAccessKey: 'SECRETX', SessionToken: 'TOKENX', Expiration: new Date() } });
    lambda.on(InvokeCommand).callsFake(async (_input, getClient: () => LambdaClient) => {
      const creds = await (getClient().config.credentials as () => Promise<{ accessKeyId: string }>)();
      return { StatusCode: creds.accessKeyId === 'AKIAX' ? 202 : 500 };
    });
    const arn = 'arn:aws:lambda:us-east-1:210987654321:function:remote';
    const { context } = outputContext('remote', { lambda_function_arn: arn, function_qualifier: 'prod', assume_role_arn: 'arn:aws:iam::210987654321:role/invoke' });
    expect(await lambdaV2Output.send(alert, context)).toEqual({ ok: true, detail: `invoked ${arn}:prod (status 202)` });
    expect(sts.commandCalls(AssumeRoleCommand)[0].args[0].input).toEqual({ RoleArn: 'arn:aws:iam::210987654321:role/invoke', RoleSessionName: 'streamalert_alert_processor' });
    expect(lambda.commandCalls(InvokeCommand)[0].args[0].input).toMatchObject({ FunctionName: arn, Qualifier: 'prod' });
  });

  it('invokes directly without a role and fails permanently without a function ARN', async () => {
    lambda.on(InvokeCommand).resolves({ StatusCode: 202 });
    const { context } = outputContext('local', { lambda_function_arn: 'fn' });
    expect((await lambdaV2Output.send(alert, context)).ok).toBe(true);
    expect(sts.commandCalls(AssumeRoleCommand)).toHaveLength(0);
    const { context: empty } = outputContext('local', {});
    expect(await lambdaV2Output.send(alert, empty)).toMatchObject({ ok: false, retryable: false, error: expect.stringContaining('lambda_function_arn') });
  });
});

describe('aws-ses output', () => {
  it('sends an HTML e-mail with the record attached as JSON', async () => {
    ses.on(SendRawEmailCommand).resolves({ MessageId: 'm-1' });
    const { context } = outputContext('team', { from_email: 'alerts@acme.com', to_emails: 'a@acme.com, b@acme.com' });
    expect(await sesOutput.send(alert, context)).toEqual({ ok: true, detail: 'e-mail sent (message m-1)' });
    const input = ses.commandCalls(SendRawEmailCommand)[0].args[0].input;
    expect(input.Source).toBe('alerts@acme.com');
    expect(input.Destinations).toEqual(['a@acme.com', 'b@acme.com']);
    const raw = Buffer.from(input.RawMessage?.Data as Uint8Array).toString();
    expect(raw).toContain(`Subject: ${alert.rule_name} triggered alert ${alert.alert_id}`);
    expect(raw).toMatch(/Content-Type: multipart\/mixed; boundary=/);
    expect(raw).toContain('Content-Type: text/html; charset=UTF-8');
    expect(raw).toContain('Content-Disposition: attachment; filename="record.json"');
    const parts = raw.split(/\r\n\r\n/);
    const attachment = parts[parts.findIndex((p) => p.includes('filename="record.json"')) + 1].split('\r\n--')[0];
    expect(JSON.parse(Buffer.from(attachment.replace(/\r\n/g, ''), 'base64').toString())).toEqual(alert.record);
  });

  it('reports throttling as retryable and a rejected message as permanent', async () => {
    const throttled = Object.assign(new Error('Maximum sending rate exceeded.'), { name: 'Throttling', $metadata: { httpStatusCode: 400 }, $fault: 'client' });
    ses.on(SendRawEmailCommand).rejectsOnce(throttled).rejectsOnce(new MessageRejected({ message: 'Email address is not verified.', $metadata: { httpStatusCode: 400 } }));
    const { context } = outputContext('team', { from_email: 'alerts@acme.com', to_emails: 'a@acme.com' });
    expect(await sesOutput.send(alert, context)).toMatchObject({ ok: false, retryable: true });
    expect(await sesOutput.send(alert, context)).toMatchObject({ ok: false, retryable: false, error: expect.stringContaining('not verified') });
  });
});

describe('aws-cloudwatch-log output', () => {
  it('logs the publication as one structured line', async () => {
    const { context, lines } = outputContext('default', {});
    expect(await cloudwatchLogOutput.send(alert, context)).toEqual({ ok: true, detail: 'logged' });
    expect(JSON.parse(lines[0])).toMatchObject({ level: 'INFO', message: 'New Alert', alert_id: alert.alert_id, publication: { record: alert.record } });
  });
});

describe('budget for SDK calls', () => {
  it('gives a later call only the time left of the output budget', async () => {
    const { budgetSignals } = await import('../../../../runtime/outputs/common/deliver');
    let clock = 0;
    const signal = budgetSignals(1000, () => clock);
    const first = signal();
    clock = 1000; // the first call used the whole budget
    const second = signal();
    await new Promise((done) => setTimeout(done, 30));
    expect(second.aborted).toBe(true);
    expect(first.aborted).toBe(false);
  });
});
