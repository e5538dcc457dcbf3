/** Teams, Opsgenie, GitHub, VictorOps, Komand, Demisto: one request each, as the services document it. */
import { demistoOutput } from '../../../../runtime/outputs/demisto';
import { githubOutput } from '../../../../runtime/outputs/github';
import { komandOutput } from '../../../../runtime/outputs/komand';
import { opsgenieOutput } from '../../../../runtime/outputs/opsgenie';
import { teamsOutput } from '../../../../runtime/outputs/teams';
import { victoropsOutput } from '../../../../runtime/outputs/victorops';
import { startRecordingServer, type RecordingServer } from '../../../_helpers/recording-server';
import { defaultPublication, outputContext, sampleAlert } from '../../../_helpers/output-context';

let server: RecordingServer;

beforeAll(async () => {
  server = await startRecordingServer();
});
afterAll(() => server.close());
beforeEach(() => server.reset());

const alert = sampleAlert();

describe('teams output', () => {
  it('posts a MessageCard with the alert and record sections', async () => {
    const publication = { ...defaultPublication(alert), '@teams.buttons': [['Runbook', 'https://wiki/runbook']] };
    const { context } = outputContext('secops', { url: `${server.url}/webhookb2/abc` }, { publication });
    expect((await teamsOutput.send(alert, context)).ok).toBe(true);
    const [req] = server.requests;
    expect([req.method, req.path, req.headers['content-type']]).toEqual(['POST', '/webhookb2/abc', 'application/json']);
    expect(req.json).toMatchObject({
      '@type': 'MessageCard',
      '@context': 'https://schema.org/extensions',
      title: 'StreamAlert Rule Triggered: cloudtrail_root_account_usage',
      text: 'The root account was used',
      themeColor: 'E81123',
      sections: [
        { activityTitle: 'Alert Info', facts: [{ name: 'rule_name', value: alert.rule_name }, { name: 'alert_id', value: alert.alert_id }] },
        { activityTitle: 'StreamAlert Alert Record', facts: expect.arrayContaining([{ name: 'eventName', value: 'ConsoleLogin' }]) },
      ],
      potentialAction: [{ '@type': 'OpenUri', name: 'Runbook', targets: [{ os: 'default', uri: 'https://wiki/runbook' }] }],
    });
  });
});

describe('opsgenie output', () => {
  it('creates an alert with GenieKey auth, the dedup alias and a priority from the severity', async () => {
    server.queue({ status: 202, body: { result: 'Request will be processed', requestId: 'req-1' } });
    const { context } = outputContext('oncall', { api_key: 'GENIE-KEY-SECRET', api_url: server.url });
    const result = await opsgenieOutput.send(alert, context);
    expect(result).toEqual({ ok: true, detail: 'alert accepted (request req-1), alias oncall:a1b2c3d4e5f6' });
    const [req] = server.requests;
    expect([req.method, req.path, req.headers.authorization]).toEqual(['POST', '/v2/alerts', 'GenieKey GENIE-KEY-SECRET']);
    expect(req.json).toMatchObject({ message: 'StreamAlert: Root account used', alias: 'oncall:a1b2c3d4e5f6', priority: 'P2', source: 'StreamAlert', tags: ['streamalert', alert.rule_name] });
    expect((req.json as { message: string }).message.length).toBeLessThanOrEqual(130);
  });
});

describe('github output', () => {
  it('opens an issue with Basic auth and the labels', async () => {
    server.queue({ status: 201, body: { html_url: 'https://github.com/acme/sec/issues/7' } });
    const { context } = outputContext('sec', { repository: 'acme/sec', labels: 'security, alert', username: 'bot', access_token: 'ghp_SECRET', api: server.url });
    expect(await githubOutput.send(alert, context)).toEqual({ ok: true, detail: 'issue https://github.com/acme/sec/issues/7' });
    const [req] = server.requests;
    expect([req.method, req.path]).toEqual(['POST', '/repos/acme/sec/issues']);
    expect(req.headers.authorization).toBe(`Basic ${Buffer.from('bot:ghp_SECRET').toString('base64')}`);
    expect(req.json).toMatchObject({ title: 'StreamAlert: cloudtrail_root_account_usage', labels: ['security', 'alert'] });
    expect((req.json as { body: string }).body).toContain('"eventName": "ConsoleLogin"');
  });
});

describe('victorops output', () => {
  it('posts to <url>/<routing_key> with the API id and key headers', async () => {
    const { context } = outputContext('ops', { victorops_api_id: 'VOID', victorops_api_key: 'VOKEY', url: `${server.url}/integrations/generic/20131114/alert/KEY`, routing_key: 'security' });
    expect((await victoropsOutput.send(alert, context)).ok).toBe(true);
    const [req] = server.requests;
    expect([req.path, req.headers['x-vo-api-id'], req.headers['x-vo-api-key']]).toEqual(['/integrations/generic/20131114/alert/KEY/security', 'VOID', 'VOKEY']);
    expect(req.json).toMatchObject({ message_type: 'CRITICAL', entity_id: 'streamalert/ops:a1b2c3d4e5f6', entity_display_name: alert.rule_name, record: alert.record });
  });
});

describe('komand output', () => {
  it('posts the publication under data with the auth token', async () => {
    const { context } = outputContext('k', { komand_auth_token: 'KTOKEN', url: `${server.url}/v2/triggers/GUID/events` });
    expect((await komandOutput.send(alert, context)).ok).toBe(true);
    const [req] = server.requests;
    expect([req.path, req.headers.authorization]).toEqual(['/v2/triggers/GUID/events', 'KTOKEN']);
    expect(req.json).toEqual({ data: JSON.parse(JSON.stringify(context.publication)) });
  });
});

describe('demisto output', () => {
  it('creates an incident with labels from the publication and an investigation', async () => {
    const { context } = outputContext('xsoar', { url: server.url, token: 'DTOKEN' });
    expect((await demistoOutput.send(alert, context)).ok).toBe(true);
    const [req] = server.requests;
    expect([req.path, req.headers.authorization]).toEqual(['/incident', 'DTOKEN']);
    expect(req.json).toMatchObject({ type: 'Unclassified', name: alert.rule_name, owner: 'StreamAlert', severity: 3, createInvestigation: true, details: alert.rule_description });
    expect((req.json as { labels: unknown[] }).labels).toContainEqual({ type: 'record.userIdentity.type', value: 'Root' });
  });
});
