/**
 * Every AWS call of every output service is allowed by the alert processor's generated policy: each output is
 * sent through (aws-sdk-client-mock records the SDK commands), each command becomes its IAM action and
 * resource ARN, and both are checked against the policies read from the synthesized Terraform JSON.
 */
import { FirehoseClient } from '@aws-sdk/client-firehose';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { S3Client } from '@aws-sdk/client-s3';
import { SESClient } from '@aws-sdk/client-ses';
import { SNSClient } from '@aws-sdk/client-sns';
import { SQSClient } from '@aws-sdk/client-sqs';
import { STSClient } from '@aws-sdk/client-sts';
import { mockClient, type AwsStub } from 'aws-sdk-client-mock';
import { OUTPUT_AWS_CALLS } from '../../../../../runtime/outputs/aws-calls';
import '../../../../../runtime/outputs/all';
import { getOutput, outputServices } from '../../../../../runtime/outputs/registry';
import { outputContext, sampleAlert } from '../../../../_helpers/output-context';
import { resourcesOf, synthWith, type Json } from '../helpers';

/* eslint-disable @typescript-eslint/no-explicit-any -- SDK command inputs of every client */
const ACCOUNT = '123456789012';
const REGION = 'us-east-1';

/** outputs.json with one descriptor of every AWS output service. */
const OUTPUTS = {
  'aws-cloudwatch-log': ['log'],
  'aws-firehose': { alerts: 'acme_streamalert_alert_delivery' },
  'aws-lambda': { responder: 'responder-fn:live' },
  'aws-lambda-v2': ['cross-account'],
  'aws-s3': { archive: 'acme-alert-archive' },
  'aws-ses': ['mail'],
  'aws-sns': { topic: 'acme-alerts' },
  'aws-sqs': { queue: 'acme-alerts-queue' },
};

/** Descriptor, resource and SSM properties to send through each service with. */
const SENDS: Record<string, { descriptor: string; resource?: string; properties?: Record<string, string> }> = {
  'aws-cloudwatch-log': { descriptor: 'log' },
  'aws-firehose': { descriptor: 'alerts', resource: OUTPUTS['aws-firehose'].alerts },
  'aws-lambda': { descriptor: 'responder', resource: OUTPUTS['aws-lambda'].responder },
  'aws-lambda-v2': {
    descriptor: 'cross-account',
    properties: { lambda_function_arn: 'arn:aws:lambda:us-east-1:210987654321:function:f', assume_role_arn: 'arn:aws:iam::210987654321:role/invoker' },
  },
  'aws-s3': { descriptor: 'archive', resource: OUTPUTS['aws-s3'].archive },
  'aws-ses': { descriptor: 'mail', properties: { from_email: 'alerts@example.com', to_emails: 'soc@example.com' } },
  'aws-sns': { descriptor: 'topic', resource: OUTPUTS['aws-sns'].topic },
  'aws-sqs': { descriptor: 'queue', resource: OUTPUTS['aws-sqs'].queue },
};

const clients: [string, AwsStub<any, any, any>][] = [
  ['firehose', mockClient(FirehoseClient)],
  ['lambda', mockClient(LambdaClient)],
  ['s3', mockClient(S3Client)],
  ['ses', mockClient(SESClient)],
  ['sns', mockClient(SNSClient)],
  ['sqs', mockClient(SQSClient)],
  ['sts', mockClient(STSClient)],
];

beforeAll(() => {
  for (const [, stub] of clients) stub.onAnyCommand().resolves({});
  clients.find(([p]) => p === 'firehose')?.[1].onAnyCommand().resolves({ FailedPutCount: 0, RequestResponses: [{ RecordId: '1' }] });
  clients.find(([p]) => p === 'sts')?.[1].onAnyCommand().resolves({ Credentials: { AccessKeyId: 'AKID', SecretAccessKey: 'secret', SessionToken: 't', Expiration: new Date() } });
  clients.find(([p]) => p === 'lambda')?.[1].onAnyCommand().resolves({ StatusCode: 202 });
});
afterAll(() => clients.forEach(([, stub]) => stub.restore()));

/** SDK commands whose IAM action has another name. */
const IAM_ACTION: Readonly<Record<string, string>> = { 'lambda:Invoke': 'lambda:InvokeFunction' };

/** The resource ARN one SDK command acts on. */
function resourceOf(prefix: string, input: any): string {
  switch (prefix) {
    case 's3':
      return `arn:aws:s3:::${String(input.Bucket)}/${String(input.Key)}`;
    case 'sns':
      return String(input.TopicArn).startsWith('arn:') ? String(input.TopicArn) : `arn:aws:sns:${REGION}:${ACCOUNT}:${String(input.TopicArn)}`;
    case 'sqs': {
      const url = /sqs\.([a-z0-9-]+)\.amazonaws\.com\/(\d{12})\/(.+)$/.exec(String(input.QueueUrl));
      return url ? `arn:aws:sqs:${url[1]}:${url[2]}:${url[3]}` : `arn:aws:sqs:${REGION}:${ACCOUNT}:${String(input.QueueUrl)}`;
    }
    case 'firehose':
      return `arn:aws:firehose:${REGION}:${ACCOUNT}:deliverystream/${String(input.DeliveryStreamName)}`;
    case 'lambda': {
      const name = String(input.FunctionName);
      const base = name.startsWith('arn:') ? name : `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${name}`;
      return input.Qualifier ? `${base}:${String(input.Qualifier)}` : base;
    }
    case 'ses':
      return `arn:aws:ses:${REGION}:${ACCOUNT}:identity/${String(input.Source).split('@').pop()}`;
    case 'sts':
      return String(input.RoleArn);
    default:
      throw new Error(`no resource rule for ${prefix}`);
  }
}

/** Every AWS call an output made while sending one alert: `action resource`. */
async function callsOf(service: string): Promise<{ action: string; resource: string }[]> {
  for (const [, stub] of clients) stub.resetHistory();
  const send = SENDS[service];
  const { context } = outputContext(send.descriptor, send.properties ?? {}, { resource: send.resource });
  const result = await getOutput(service)!.send(sampleAlert({ outputs: [`${service}:${send.descriptor}`] }), context);
  expect(result).toMatchObject({ ok: true });
  return clients.flatMap(([prefix, stub]) =>
    stub.calls().map((call) => {
      const command = (call.args[0] as { constructor: { name: string }; input: unknown }).constructor.name.replace(/Command$/, '');
      return { action: IAM_ACTION[`${prefix}:${command}`] ?? `${prefix}:${command}`, resource: resourceOf(prefix, (call.args[0] as { input: unknown }).input) };
    }),
  );
}

const glob = (pattern: string, value: string): boolean =>
  new RegExp(`^${pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`).test(value);
const list = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : [String(v)]);

/** The processor's policy statements, read from the synthesized Terraform JSON. */
function processorStatements(): Json[] {
  const policies = resourcesOf(synthWith(undefined, { 'outputs.json': OUTPUTS }).files, 'aws_iam_role_policy');
  return Object.entries(policies)
    .filter(([name]) => name.startsWith('alert_processor_'))
    .flatMap(([, body]) => (JSON.parse((body as Json).policy) as Json).Statement as Json[]);
}

const allowed = (statements: Json[], action: string, resource: string): boolean =>
  statements.some((s) => s.Effect === 'Allow' && list(s.Action).some((a) => glob(a, action)) && list(s.Resource).some((r) => glob(r, resource)));

describe('the alert processor policy and the AWS calls of the outputs', () => {
  const statements = processorStatements();

  it('lists every AWS output service in the one table of AWS calls', () => {
    const aws = outputServices().filter((s) => s.startsWith('aws-'));
    expect(aws.sort()).toEqual(Object.keys(OUTPUT_AWS_CALLS).sort());
  });

  it.each(Object.keys(OUTPUT_AWS_CALLS).filter((s) => OUTPUT_AWS_CALLS[s].scope !== 'operator'))(
    'allows every call %s makes, on the resource it makes it on',
    async (service) => {
      const calls = await callsOf(service);
      expect(calls.map((c) => c.action).sort()).toEqual([...OUTPUT_AWS_CALLS[service].actions].sort());
      for (const call of calls) expect({ ...call, allowed: allowed(statements, call.action, call.resource) }).toEqual({ ...call, allowed: true });
    },
  );

  it('lets aws-ses send raw e-mail from any identity of the account and region, and nothing else', async () => {
    const [call] = await callsOf('aws-ses');
    expect(call).toEqual({ action: 'ses:SendRawEmail', resource: `arn:aws:ses:${REGION}:${ACCOUNT}:identity/example.com` });
    expect(allowed(statements, 'ses:SendRawEmail', `arn:aws:ses:us-west-2:${ACCOUNT}:identity/example.com`)).toBe(false);
    expect(allowed(statements, 'ses:SendEmail', call.resource)).toBe(false);
  });

  it('leaves the calls of aws-lambda-v2 (resources known only from SSM) to the operator: the table says so and no policy grants them', async () => {
    const calls = await callsOf('aws-lambda-v2');
    expect(calls.map((c) => c.action)).toEqual(['lambda:InvokeFunction', 'sts:AssumeRole']);
    for (const call of calls) expect(allowed(statements, call.action, call.resource)).toBe(false);
  });

  it('allows nothing on a resource outputs.json does not name', () => {
    expect(allowed(statements, 's3:PutObject', 'arn:aws:s3:::other-bucket/alerts/x.json')).toBe(false);
    expect(allowed(statements, 'sns:Publish', `arn:aws:sns:${REGION}:${ACCOUNT}:other-topic`)).toBe(false);
    expect(allowed(statements, 'lambda:InvokeFunction', `arn:aws:lambda:${REGION}:${ACCOUNT}:function:other`)).toBe(false);
  });
});
