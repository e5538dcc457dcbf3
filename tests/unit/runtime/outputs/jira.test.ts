import { jiraOutput, jiraV2Output } from '../../../../runtime/outputs/jira';
import { startRecordingServer, type RecordedRequest, type RecordingServer } from '../../../_helpers/recording-server';
import { outputContext, sampleAlert } from '../../../_helpers/output-context';

let server: RecordingServer;

beforeAll(async () => {
  server = await startRecordingServer();
});
afterAll(() => server.close());
beforeEach(() => server.reset());

const alert = sampleAlert();
const summary = 'StreamAlert cloudtrail_root_account_usage';

function jira(existing: boolean): (r: RecordedRequest) => { status?: number; body?: unknown } {
  return (r) => {
    if (r.path === '/rest/auth/1/session') return { body: { session: { name: 'JSESSIONID', value: 'S3SS10N' } } };
    if (r.path === '/rest/api/2/search') return { body: { issues: existing ? [{ id: '10001', fields: { summary } }] : [] } };
    if (r.path === '/rest/api/2/issue') return { status: 201, body: { id: '10002', key: 'SEC-2' } };
    if (r.path.endsWith('/comment')) return { status: 201, body: { id: '5' } };
    return { status: 404, body: 'nope' };
  };
}

describe('jira-v2 output', () => {
  const props = { api_key: 'ATLASSIAN-TOKEN', user_name: 'bot@acme.com', url: '', project_key: 'SEC', issue_type: 'Task' };

  it('creates an issue with Basic auth and the documented fields', async () => {
    server.setFallback(jira(false));
    const { context } = outputContext('sec', { ...props, url: server.url });
    expect(await jiraV2Output.send(alert, context)).toEqual({ ok: true, detail: 'issue SEC-2 created' });
    const [req] = server.requests;
    expect([req.method, req.path]).toEqual(['POST', '/rest/api/2/issue']);
    expect(req.headers.authorization).toBe(`Basic ${Buffer.from('bot@acme.com:ATLASSIAN-TOKEN').toString('base64')}`);
    expect(req.json).toMatchObject({ fields: { project: { key: 'SEC' }, summary, issuetype: { name: 'Task' } } });
    expect((req.json as { fields: { description: string } }).fields.description).toMatch(/^\{code:JSON\}[\s\S]*ConsoleLogin[\s\S]*\{code\}$/);
  });

  it('with aggregate=yes comments on the issue opened today for the rule', async () => {
    server.setFallback(jira(true));
    const { context } = outputContext('sec', { ...props, url: server.url, aggregate: 'yes' });
    expect(await jiraV2Output.send(alert, context)).toEqual({ ok: true, detail: 'comment added to issue 10001' });
    const [search, comment] = server.requests;
    expect(search.method).toBe('GET');
    expect(search.query.get('jql')).toBe(`project = "SEC" AND summary ~ "${summary}" AND created >= startOfDay() ORDER BY created ASC`);
    expect([comment.method, comment.path]).toEqual(['POST', '/rest/api/2/issue/10001/comment']);
  });

  it('with aggregate=yes opens a new issue when none was opened today', async () => {
    server.setFallback(jira(false));
    const { context } = outputContext('sec', { ...props, url: server.url, aggregate: 'yes' });
    expect((await jiraV2Output.send(alert, context)).ok).toBe(true);
    expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /rest/api/2/search', 'POST /rest/api/2/issue']);
  });
});

describe('jira output', () => {
  it('logs in for a session cookie and creates the issue with it', async () => {
    server.setFallback(jira(false));
    const { context } = outputContext('sec', { username: 'bot', password: 'PA55WORD', url: server.url, project_key: 'SEC', issue_type: 'Bug' });
    expect((await jiraOutput.send(alert, context)).ok).toBe(true);
    const [login, create] = server.requests;
    expect([login.method, login.path, login.json]).toEqual(['POST', '/rest/auth/1/session', { username: 'bot', password: 'PA55WORD' }]);
    expect(create.headers.cookie).toBe('JSESSIONID=S3SS10N');
  });

  it('reports a failed login as permanent without the password', async () => {
    server.queue({ status: 401, body: 'Login failed for PA55WORD' });
    const { context } = outputContext('sec', { username: 'bot', password: 'PA55WORD', url: server.url, project_key: 'SEC', issue_type: 'Bug' });
    const result = await jiraOutput.send(alert, context);
    expect(result).toMatchObject({ ok: false, retryable: false });
    expect(JSON.stringify(result)).not.toContain('PA55WORD');
  });
});
