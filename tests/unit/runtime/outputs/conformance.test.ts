/**
 * What outputs send, field by field, where StreamAlert v3.5.0 decides it: the publication's `log_type` is the
 * parser, PagerDuty's `payload.source` the log type; plain-http credentials are refused unless allowed; Jira
 * descriptions cannot be broken out of their code block.
 */
import { createClassifier } from '../../../../runtime/classifier';
import { loadConfig } from '../../../../runtime/config';
import { createLogger } from '../../../../runtime/logger';
import { createHttpSession } from '../../../../runtime/outputs/http';
import { defaultPublication } from '../../../../runtime/publishers/default';
import { jiraContent, jiraV2Output } from '../../../../runtime/outputs/jira';
import { slackOutput } from '../../../../runtime/outputs/slack';
import { buildAlert } from '../../../../runtime/rules/alert';
import type { RuleDefinition } from '../../../../runtime/rules/types';
import { outputContext, sampleAlert } from '../../../_helpers/output-context';
import { DEFAULT_CONF_DIR } from '../../../_helpers/paths';
import { startRecordingServer, type RecordingServer } from '../../../_helpers/recording-server';

let server: RecordingServer;
beforeAll(async () => {
  server = await startRecordingServer();
});
afterAll(() => server.close());
beforeEach(() => server.reset());

const rule = (severity?: 'low'): RuleDefinition => ({
  name: 'any_event',
  description: 'every event',
  file: '',
  options: { logs: ['cloudtrail:events'], ...(severity ? { severity } : {}) },
  fn: () => true,
  disabled: false,
});

describe('publications as StreamAlert v3.5.0 made them', () => {
  const config = loadConfig(DEFAULT_CONF_DIR);
  const classifier = createClassifier(config);
  const classified = (() => {
    const cloudtrail = JSON.stringify({ Records: [{ eventVersion: '1.08', eventName: 'ConsoleLogin', eventSource: 'signin.amazonaws.com', awsRegion: 'us-east-1', eventTime: '2026-01-01T00:00:00Z', userIdentity: { type: 'Root' }, eventType: 'AwsConsoleSignIn', recipientAccountId: '123456789012', sourceIPAddress: '198.51.100.7', requestParameters: null, responseElements: null, eventID: 'e1', userAgent: 'x', requestID: 'r1', readOnly: false, managementEvent: true, eventCategory: 'Management', errorCode: '', errorMessage: '', tlsDetails: {}, additionalEventData: {}, sessionCredentialFromConsole: '' }] });
    const outcome = classifier.classify({ data: cloudtrail, source: { service: 'kinesis', resource: 'acme_prod_streamalert' } }, ['cloudtrail:events']);
    if (!outcome.ok || outcome.records.length === 0) throw new Error(`the sample CloudTrail record did not classify: ${JSON.stringify(outcome)}`);
    return outcome.records[0];
  })();

  it('puts the parser in log_type and the log type in log_source', () => {
    expect(classified).toMatchObject({ log_type: 'cloudtrail:events', parser: 'json' });
    const publication = defaultPublication(buildAlert(rule(), classified, { cluster: 'prod', outputs: [], title: 't', created: new Date(0) }));
    expect([publication.log_type, publication.log_source]).toEqual(['json', 'cloudtrail:events']);
  });

  it('records whether the rule declared its severity (a rule without one pages at critical)', () => {
    const undeclared = buildAlert(rule(), classified, { cluster: 'prod', outputs: [], title: 't', created: new Date(0) });
    const declared = buildAlert(rule('low'), classified, { cluster: 'prod', outputs: [], title: 't', created: new Date(0) });
    expect([undeclared.severity, undeclared.severity_declared]).toEqual(['medium', undefined]);
    expect([declared.severity, declared.severity_declared]).toEqual(['low', true]);
  });
});

describe('plain http and credentials', () => {
  const alert = sampleAlert();

  it('refuses an http:// URL off loopback for an output holding credentials, permanently, without sending', async () => {
    const { context } = outputContext('corp', { url: 'http://jira.internal.example:8080', user_name: 'u@example.com', api_key: 'JIRA-TOKEN', project_key: 'SEC', issue_type: 'Task' });
    const result = await jiraV2Output.send(alert, context);
    expect(result).toMatchObject({ ok: false, retryable: false, error: expect.stringMatching(/refused: an http:\/\/ URL would send this output's credentials in clear text/) });
    expect(JSON.stringify(result)).not.toContain('JIRA-TOKEN');
  });

  it('with the descriptor allow_http set, does not refuse the URL: it warns and sends', async () => {
    // `.invalid` never resolves (RFC 2606): the call fails on the network, not on the refusal, and nothing leaves.
    const { context, lines } = outputContext('corp', { url: 'http://hooks.invalid/hook', allow_http: 'yes' }, { timeoutMs: 1500 });
    const result = await slackOutput.send(alert, context);
    expect(result).toMatchObject({ ok: false, retryable: true });
    expect(JSON.stringify(result)).not.toMatch(/refused/);
    expect(lines.some((l) => l.includes('"level":"WARN"') && l.includes('plain http'))).toBe(true);
  });

  it('sends plain http with allow_http through the session, and to loopback without it', async () => {
    const seen: string[] = [];
    const fetchStub = (async (url: URL) => {
      seen.push(url.href);
      return new Response('ok', { status: 200 });
    }) as unknown as typeof fetch;
    const logger = createLogger({ level: 'error', write: () => undefined });
    const allowed = createHttpSession({ service: 'jira', budgetMs: 1000, secrets: ['pw'], logger, fetch: fetchStub, allowPlainHttp: true });
    await allowed.request({ url: 'http://jira.example.com/rest/api/2/issue', json: {} });
    const refused = createHttpSession({ service: 'jira', budgetMs: 1000, secrets: ['pw'], logger, fetch: fetchStub });
    await expect(refused.request({ url: 'http://jira.example.com/rest/api/2/issue', json: {} })).rejects.toThrow(/clear text/);
    await refused.request({ url: `${server.url}/local`, json: {} });
    const noSecrets = createHttpSession({ service: 'webhook', budgetMs: 1000, secrets: [], logger, fetch: fetchStub });
    await noSecrets.request({ url: 'http://hooks.example.com/', json: {} });
    expect(seen).toEqual(['http://jira.example.com/rest/api/2/issue', `${server.url}/local`, 'http://hooks.example.com/']);
  });

  it('refuses the same URL without allow_http, sending nothing', async () => {
    const { context } = outputContext('corp', { url: 'http://hooks.invalid/hook' });
    expect(await slackOutput.send(alert, context)).toMatchObject({ ok: false, retryable: false, error: expect.stringMatching(/clear text/) });
  });
});

describe('jira markup', () => {
  it('escapes {code} and {noformat} in log values so they cannot end the code block', () => {
    const alert = sampleAlert({ record: { ua: 'x{code} [click|https://evil.example] !https://evil.example/p.png! {noformat}{CODE:java}' } });
    const { description } = jiraContent(alert, defaultPublication(alert));
    // One unescaped opening and one closing macro: the ones the output wrote.
    expect(description.match(/(?<!\\)\{(code|noformat)/gi)).toEqual(['{code', '{code']);
    expect(description.startsWith('{code:JSON}')).toBe(true);
    expect(description.endsWith('{code}')).toBe(true);
    expect(description).toContain('x\\{code} [click|https://evil.example]');
    expect(description).toContain('\\{CODE:java}');
  });
});
