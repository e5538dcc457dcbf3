import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { DeleteParameterCommand, ParameterNotFound, PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import type { CommandContext } from '../../../../cli/context';
import { createIo } from '../../../../cli/io';
import { deleteOutput } from '../../../../cli/outputs/delete';
import { listOutputs } from '../../../../cli/outputs/list';
import type { Prompter, PromptQuestion } from '../../../../cli/outputs/prompt';
import { setOutput } from '../../../../cli/outputs/set';
import { ConfigError, UsageError } from '../../../../runtime/errors';
import { DEFAULT_CONF_DIR } from '../../../_helpers/paths';
import { copyToTempDir } from '../../../_helpers/temp-dir';

const ssmMock = mockClient(SSMClient);
const ssm = new SSMClient({ region: 'us-east-1' });
const SLACK_URL = 'https://hooks.slack.com/services/T0/B0/SUPERSECRETVALUE';

afterAll(() => ssmMock.restore());
beforeEach(() => {
  ssmMock.reset();
  ssmMock.on(PutParameterCommand).resolves({ Version: 1 });
});

/** A context whose printed text is kept. */
function context(): { ctx: CommandContext; printed: () => string } {
  const out = new PassThrough();
  const err = new PassThrough();
  let text = '';
  out.on('data', (c: Buffer) => (text += c.toString()));
  err.on('data', (c: Buffer) => (text += c.toString()));
  const io = createIo({ stdout: out, stderr: err, color: false, json: false });
  return { ctx: { globals: { config: '', json: false, debug: false, color: false }, io }, printed: () => text };
}

/** Answers questions in order and records them. */
function scripted(answers: string[]): Prompter & { questions: PromptQuestion[] } {
  const questions: PromptQuestion[] = [];
  return {
    questions,
    ask: async (q) => {
      questions.push(q);
      return answers.shift() ?? '';
    },
  };
}

const outputsJson = (dir: string): Record<string, unknown> => JSON.parse(readFileSync(join(dir, 'outputs.json'), 'utf8')) as Record<string, unknown>;

describe('streamalert output set', () => {
  it('asks for each property, the secret ones with echo off, and stores a SecureString with the project KMS key', async () => {
    const dir = copyToTempDir(DEFAULT_CONF_DIR);
    const prompter = scripted([SLACK_URL]);
    const { ctx, printed } = context();
    await setOutput(ctx, { configDir: dir, service: 'slack', descriptor: 'soc', fromStdin: false, prompter, ssm });
    expect(prompter.questions).toEqual([{ label: expect.stringContaining('url'), secret: true }]);
    const input = ssmMock.commandCalls(PutParameterCommand)[0].args[0].input;
    expect(input).toEqual({
      Name: '/acme/streamalert/outputs/slack/soc',
      Type: 'SecureString',
      KeyId: 'alias/acme_streamalert',
      Value: JSON.stringify({ url: SLACK_URL }),
      Overwrite: true,
      Description: 'StreamAlert output slack:soc',
    });
    expect(outputsJson(dir).slack).toEqual(['security-alerts', 'sample-channel', 'soc']);
    expect(outputsJson(dir).$schema).toBe('../runtime/config/json-schemas/outputs.schema.json');
    expect(printed()).toContain('slack:soc');
    expect(printed()).not.toContain('SUPERSECRETVALUE');
    expect(readFileSync(join(dir, 'outputs.json'), 'utf8')).not.toContain('SUPERSECRETVALUE');
  });

  it('asks non-secret properties with echo on and skips empty optional ones', async () => {
    const dir = copyToTempDir(DEFAULT_CONF_DIR);
    const prompter = scripted(['acme/sec', '', 'bot', 'ghp_TOKEN', '']);
    await setOutput(context().ctx, { configDir: dir, service: 'github', descriptor: 'sec', fromStdin: false, prompter, ssm });
    expect(prompter.questions.map((q) => [q.label.split(':')[0], q.secret])).toEqual([
      ['repository', false],
      ['labels', false],
      ['username', false],
      ['access_token', true],
      ['api', false],
    ]);
    expect(JSON.parse(ssmMock.commandCalls(PutParameterCommand)[0].args[0].input.Value ?? '')).toEqual({ repository: 'acme/sec', username: 'bot', access_token: 'ghp_TOKEN' });
  });

  it('reads a JSON object from stdin and rejects unknown or missing properties without quoting values', async () => {
    const dir = copyToTempDir(DEFAULT_CONF_DIR);
    await setOutput(context().ctx, { configDir: dir, service: 'pagerduty-v2', descriptor: 'oncall', fromStdin: true, readStdin: async () => '{"routing_key":"RK-SECRET-1"}', ssm });
    expect(ssmMock.commandCalls(PutParameterCommand)[0].args[0].input).toMatchObject({ Type: 'SecureString', KeyId: 'alias/acme_streamalert', Value: '{"routing_key":"RK-SECRET-1"}' });
    const bad = (text: string) => setOutput(context().ctx, { configDir: dir, service: 'pagerduty-v2', descriptor: 'x', fromStdin: true, readStdin: async () => text, ssm });
    await expect(bad('{"routing_key":"RK","colour":"red"}')).rejects.toThrow('unknown properties for pagerduty-v2: colour');
    await expect(bad('{}')).rejects.toThrow('missing required properties for pagerduty-v2: routing_key');
    const err = await bad('not json RK-SECRET-2').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UsageError);
    expect(String((err as Error).message)).not.toContain('RK-SECRET-2');
  });

  it('refuses an http:// URL for an output holding credentials unless --allow-http, then stores allow_http and warns', async () => {
    const dir = copyToTempDir(DEFAULT_CONF_DIR);
    const jira = '{"url":"http://jira.corp.example","user_name":"u@example.com","api_key":"JIRA-SECRET","project_key":"SEC","issue_type":"Task"}';
    const set = (allowHttp: boolean, ctx = context().ctx) =>
      setOutput(ctx, { configDir: dir, service: 'jira-v2', descriptor: 'corp', fromStdin: true, readStdin: async () => jira, ssm, allowHttp });
    const err = await set(false).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UsageError);
    expect(String((err as Error).message)).toMatch(/jira-v2:corp: url is an http:\/\/ URL: this output's credentials would cross the network in clear text/);
    expect(String((err as Error).message)).not.toContain('JIRA-SECRET');
    expect(ssmMock.commandCalls(PutParameterCommand)).toHaveLength(0);
    const { ctx, printed } = context();
    await set(true, ctx);
    expect(JSON.parse(String(ssmMock.commandCalls(PutParameterCommand)[0].args[0].input.Value))).toMatchObject({ url: 'http://jira.corp.example', allow_http: 'yes' });
    expect(printed()).toMatch(/warning: jira-v2:corp: credentials will be sent over plain http \(url\)/);
  });

  it('writes a resource descriptor into outputs.json for AWS outputs, without SSM', async () => {
    const dir = copyToTempDir(DEFAULT_CONF_DIR);
    await setOutput(context().ctx, { configDir: dir, service: 'aws-lambda', descriptor: 'responder', resource: 'responder-fn:live', fromStdin: false, ssm });
    expect(outputsJson(dir)['aws-lambda']).toEqual({ responder: 'responder-fn:live' });
    expect(ssmMock.calls()).toHaveLength(0);
    await expect(setOutput(context().ctx, { configDir: dir, service: 'aws-lambda', descriptor: 'r2', fromStdin: false, ssm })).rejects.toThrow('pass --resource');
  });

  it.each([
    ['an unknown service', 'smoke-signals', 'd', 'unknown output service "smoke-signals"'],
    ['a bad descriptor', 'slack', 'has space', 'descriptor "has space" is not valid'],
  ])('refuses %s', async (_label, service, descriptor, message) => {
    const dir = copyToTempDir(DEFAULT_CONF_DIR);
    await expect(setOutput(context().ctx, { configDir: dir, service, descriptor, fromStdin: true, readStdin: async () => '{}', ssm })).rejects.toThrow(message);
    expect(ssmMock.calls()).toHaveLength(0);
  });

  it('does not write outputs.json when SSM refuses the parameter', async () => {
    const dir = copyToTempDir(DEFAULT_CONF_DIR);
    ssmMock.on(PutParameterCommand).rejects(Object.assign(new Error('User is not authorized to perform kms:Encrypt'), { name: 'AccessDeniedException' }));
    const before = readFileSync(join(dir, 'outputs.json'), 'utf8');
    await expect(setOutput(context().ctx, { configDir: dir, service: 'slack', descriptor: 'x', fromStdin: true, readStdin: async () => `{"url":"${SLACK_URL}"}`, ssm })).rejects.toThrow('not authorized');
    expect(readFileSync(join(dir, 'outputs.json'), 'utf8')).toBe(before);
  });
});

describe('streamalert output list', () => {
  it('lists descriptors per service and never reads SSM', () => {
    const { ctx, printed } = context();
    const listed = listOutputs(ctx, { configDir: DEFAULT_CONF_DIR });
    expect(listed.map((l) => l.service)).toEqual(['aws-firehose', 'aws-s3', 'demisto', 'pagerduty', 'pagerduty-v2', 'slack']);
    expect(listed.find((l) => l.service === 'aws-s3')).toMatchObject({ descriptors: ['alert-archive'], resources: { 'alert-archive': 'acme-streamalert-alert-archive' } });
    expect(listed.find((l) => l.service === 'slack')).toEqual({ service: 'slack', descriptors: ['security-alerts', 'sample-channel'], known: true });
    expect(printed()).toContain('slack: security-alerts, sample-channel');
    expect(printed()).toContain('aws-s3: alert-archive (acme-streamalert-alert-archive)');
    expect(ssmMock.calls()).toHaveLength(0);
  });
});

describe('streamalert output delete', () => {
  it('deletes the parameter and the descriptor', async () => {
    const dir = copyToTempDir(DEFAULT_CONF_DIR);
    ssmMock.on(DeleteParameterCommand).resolves({});
    await deleteOutput(context().ctx, { configDir: dir, output: 'slack:security-alerts', ssm });
    expect(ssmMock.commandCalls(DeleteParameterCommand)[0].args[0].input).toEqual({ Name: '/acme/streamalert/outputs/slack/security-alerts' });
    expect(outputsJson(dir).slack).toEqual(['sample-channel']);
    await deleteOutput(context().ctx, { configDir: dir, output: 'slack:sample-channel', ssm });
    expect(outputsJson(dir).slack).toBeUndefined();
  });

  it('says so when the output does not exist anywhere', async () => {
    ssmMock.on(DeleteParameterCommand).rejects(new ParameterNotFound({ message: 'not found', $metadata: {} }));
    await expect(deleteOutput(context().ctx, { configDir: copyToTempDir(DEFAULT_CONF_DIR), output: 'slack:nope', ssm })).rejects.toThrow('output slack:nope is not configured');
  });

  it('refuses a name without a descriptor as a usage error', async () => {
    await expect(deleteOutput(context().ctx, { configDir: DEFAULT_CONF_DIR, output: 'slack', ssm })).rejects.toBeInstanceOf(UsageError);
  });
});

it('keeps outputs.json valid: an invalid document is not written', async () => {
  const dir = copyToTempDir(DEFAULT_CONF_DIR);
  const { writeOutputs } = await import('../../../../cli/outputs/outputs-file');
  expect(() => writeOutputs(dir, { slack: 'not-a-list' })).toThrow(ConfigError);
  expect(outputsJson(dir).slack).toEqual(['security-alerts', 'sample-channel']);
});
