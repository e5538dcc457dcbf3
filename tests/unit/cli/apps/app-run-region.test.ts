/** `app run --send` reaches the cluster's region (its rule processor and parameters), not the shell's. */
import { PassThrough } from 'node:stream';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { GetParametersCommand, PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import { runAppRun } from '../../../../cli/apps/app-run';
import type { CommandContext } from '../../../../cli/context';
import { createIo } from '../../../../cli/io';
import { DEFAULT_CONF_DIR } from '../../../_helpers/paths';
import { startRecordingServer, type RecordingServer } from '../../../_helpers/recording-server';

const lambda = mockClient(LambdaClient);
const ssm = mockClient(SSMClient);
let server: RecordingServer;
const saved = process.env.AWS_REGION;

beforeAll(async () => {
  server = await startRecordingServer();
  process.env.AWS_REGION = 'eu-west-1';
});
afterAll(async () => {
  process.env.AWS_REGION = saved;
  lambda.restore();
  ssm.restore();
  await server.close();
});

function context(): CommandContext {
  const sink = new PassThrough();
  sink.resume();
  return { globals: { config: DEFAULT_CONF_DIR, json: false, debug: false, color: false }, io: createIo({ stdout: sink, stderr: sink, color: false, json: false }) };
}

describe('app run --send', () => {
  it('invokes the rule processor and keeps state in the region of the app cluster (corp, us-west-2)', async () => {
    const auth = JSON.stringify({ api_hostname: 'api-abcdef12.duosecurity.com', integration_key: 'DIABCDEFGHIJKLMN1234', secret_key: 'a'.repeat(40) });
    ssm.on(GetParametersCommand).resolves({ Parameters: [{ Name: '/acme/streamalert/apps/acme_corp_duo_auth_app/auth', Value: auth }] });
    ssm.on(PutParameterCommand).resolves({ Version: 1 });
    lambda.on(InvokeCommand).resolves({ StatusCode: 202 });
    server.setFallback(() => ({ body: { stat: 'OK', response: [{ timestamp: Math.floor(Date.now() / 1000), username: 'alice', result: 'SUCCESS' }] } }));
    const summary = await runAppRun(context(), { configDir: DEFAULT_CONF_DIR, name: 'acme_corp_duo_auth_app', send: true, fromStdin: false, endpointUrl: server.url, maxPolls: 1 }, { input: new PassThrough() });
    expect(summary).toMatchObject({ logs_sent: 1 });
    expect(await (lambda.call(0).thisValue as LambdaClient).config.region()).toBe('us-west-2');
    expect(lambda.commandCalls(InvokeCommand)[0].args[0].input).toMatchObject({ FunctionName: 'acme_corp_streamalert_rules', Qualifier: 'production' });
    expect(await (ssm.call(0).thisValue as SSMClient).config.region()).toBe('us-west-2');
  });
});
