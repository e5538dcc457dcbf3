import { mergeAlerts } from '../../../../runtime/alerts/merge';
import { dedupKey } from '../../../../runtime/outputs/common/dedup';
import { pagerdutyIncidentOutput } from '../../../../runtime/outputs/pagerduty/incident';
import { pagerdutyOutput } from '../../../../runtime/outputs/pagerduty/v1';
import { pagerdutyV2Output } from '../../../../runtime/outputs/pagerduty/v2';
import { startRecordingServer, type RecordedRequest, type RecordingServer } from '../../../_helpers/recording-server';
import { outputContext, sampleAlert } from '../../../_helpers/output-context';

let server: RecordingServer;
const ROUTING_KEY = 'R0UTINGKEYSECRET0000000000000000';

beforeAll(async () => {
  server = await startRecordingServer();
});
afterAll(() => server.close());
beforeEach(() => server.reset());

describe('pagerduty-v2 output', () => {
  it('enqueues the documented Events API v2 trigger with the mapped severity of a rule that declares one, and the log type as source', async () => {
    server.queue({ status: 202, body: { status: 'success', dedup_key: 'k' } });
    const alert = sampleAlert({ severity: 'high', severity_declared: true });
    const { context } = outputContext('oncall', { routing_key: ROUTING_KEY, url: `${server.url}/v2/enqueue` }, { alert });
    const result = await pagerdutyV2Output.send(alert, context);
    expect(result.ok).toBe(true);
    const [req] = server.requests;
    expect([req.method, req.path, req.headers['content-type']]).toEqual(['POST', '/v2/enqueue', 'application/json']);
    expect(req.json).toEqual({
      routing_key: ROUTING_KEY,
      event_action: 'trigger',
      dedup_key: 'oncall:a1b2c3d4e5f6',
      payload: {
        summary: 'StreamAlert Rule Triggered - cloudtrail_root_account_usage',
        source: 'cloudtrail:events',
        severity: 'error',
        timestamp: alert.created,
        custom_details: { description: alert.rule_description, record: alert.record },
      },
      client: 'StreamAlert',
      images: [],
      links: [],
    });
  });

  it('pages at critical, as StreamAlert always did, for a rule that declares no severity', async () => {
    const cases: [Partial<Parameters<typeof sampleAlert>[0]>, string][] = [
      [{ severity: 'medium' }, 'critical'],
      [{ severity: 'medium', severity_declared: true }, 'warning'],
      [{ severity: 'low', severity_declared: true }, 'info'],
      [{ severity: 'critical', severity_declared: true }, 'critical'],
    ];
    for (const [fields, expected] of cases) {
      server.reset();
      const alert = sampleAlert(fields);
      const { context } = outputContext('oncall', { routing_key: ROUTING_KEY, url: `${server.url}/v2/enqueue` }, { alert });
      expect((await pagerdutyV2Output.send(alert, context)).ok).toBe(true);
      expect((server.requests[0].json as { payload: { severity: string } }).payload.severity).toBe(expected);
    }
  });

  it('gives every alert of one merge group, and the merged alerts the merger sends for it, the same dedup key', async () => {
    const base = { rule_name: 'ssh_login', merge_by_keys: ['host', 'user.name'], merge_window_mins: 30 };
    const member = (id: string, host: string, port: number, created: string) =>
      sampleAlert({ ...base, alert_id: id, created, record: { host, user: { name: 'root' }, port } });
    const one = member('one', 'web-1', 22, '2026-12-01T00:00:00.000Z');
    const two = member('two', 'web-1', 2222, '2026-12-01T00:10:00.000Z');
    const later = member('later', 'web-1', 22, '2026-12-01T02:00:00.000Z');
    const other = member('three', 'web-2', 22, '2026-12-01T00:05:00.000Z');
    // The alert merger's own merged alerts (two windows of the same group), as the alert processor gets them.
    const sent = [one, two, mergeAlerts([one, two]), mergeAlerts([later]), other];
    for (const alert of sent) {
      const { context } = outputContext('oncall', { routing_key: ROUTING_KEY, url: `${server.url}/v2/enqueue` }, { alert });
      expect((await pagerdutyV2Output.send(alert, context)).ok).toBe(true);
    }
    const keys = server.requests.map((r) => (r.json as { dedup_key: string }).dedup_key);
    expect(new Set(keys.slice(0, 4)).size).toBe(1);
    expect(keys[4]).not.toBe(keys[0]);
    expect(keys[0]).toMatch(/^oncall:ssh_login:[0-9a-f]{32}$/);
  });

  it('keys an alert of a rule without merge keys by its alert id', () => {
    expect(dedupKey('oncall', sampleAlert())).toBe('oncall:a1b2c3d4e5f6');
  });

  it('honours publisher fields', async () => {
    const alert = sampleAlert();
    const publication = { record: alert.record, '@pagerduty-v2.summary': 'short', '@pagerduty-v2.severity': 'info', '@pagerduty-v2.images': [{ src: 'https://i/x.png' }, { nope: 1 }] };
    const { context } = outputContext('oncall', { routing_key: ROUTING_KEY, url: `${server.url}/v2/enqueue` }, { publication });
    await pagerdutyV2Output.send(alert, context);
    expect(server.requests[0].json).toMatchObject({ payload: { summary: 'short', severity: 'info' }, images: [{ src: 'https://i/x.png', href: '', alt: '' }] });
  });

  it('keeps the routing key out of the error when PagerDuty rejects the event', async () => {
    server.queue({ status: 400, body: { status: 'invalid event', errors: [`routing_key ${ROUTING_KEY} unknown`] } });
    const { context, lines } = outputContext('oncall', { routing_key: ROUTING_KEY, url: `${server.url}/v2/enqueue` });
    const result = await pagerdutyV2Output.send(sampleAlert(), context);
    expect(result).toMatchObject({ ok: false, retryable: false });
    expect(JSON.stringify(result) + lines.join('')).not.toContain(ROUTING_KEY);
  });
});

describe('pagerduty (Events API v1) output', () => {
  it('sends a trigger with the service key and an incident key', async () => {
    const alert = sampleAlert();
    const { context } = outputContext('legacy', { service_key: 'SERVICEKEY1234', url: `${server.url}/generic/2010-04-15/create_event.json` }, { alert });
    expect((await pagerdutyOutput.send(alert, context)).ok).toBe(true);
    expect(server.requests[0].path).toBe('/generic/2010-04-15/create_event.json');
    expect(server.requests[0].json).toEqual({
      service_key: 'SERVICEKEY1234',
      event_type: 'trigger',
      incident_key: 'legacy:a1b2c3d4e5f6',
      description: 'StreamAlert Rule Triggered - cloudtrail_root_account_usage',
      details: { description: alert.rule_description, record: alert.record },
      client: 'streamalert',
      client_url: '',
      contexts: [],
    });
  });
});

describe('pagerduty-incident output', () => {
  const props = () => ({
    token: 'PDTOKENSECRET99',
    service_id: 'PSVC01',
    escalation_policy_id: 'PPOL01',
    email_from: 'bot@example.com',
    integration_key: 'INTEGRATIONKEY77',
    api: server.url,
    url: `${server.url}/v2/enqueue`,
  });
  const users: Record<string, string> = { 'bot@example.com': 'PBOT', 'alice@example.com': 'PALICE' };

  function pagerDutyApi(open: { id: string; title: string }[]): (r: RecordedRequest) => { status?: number; body?: unknown } {
    return (r) => {
      if (r.path === '/v2/enqueue') return { status: 202, body: { status: 'success', dedup_key: (r.json as { dedup_key: string }).dedup_key } };
      if (r.path === '/users') {
        const email = r.query.get('query') ?? '';
        return { body: { users: users[email] ? [{ id: users[email], email }] : [] } };
      }
      if (r.path === '/incidents' && r.query.has('incident_key')) return { body: { incidents: [{ id: 'PNEW', title: 'whatever' }] } };
      if (r.path === '/incidents') return { body: { incidents: [...open, { id: 'PNEW', title: 'StreamAlert Incident - Rule triggered: cloudtrail_root_account_usage' }] } };
      if (r.path === '/priorities') return { body: { priorities: [{ id: 'PRIO1', name: 'P1' }] } };
      return { body: {} };
    };
  }

  it('creates the event, then assigns, prioritises, requests responders and adds a note', async () => {
    server.setFallback(pagerDutyApi([]));
    const alert = sampleAlert({
      context: { 'pagerduty-incident': { assigned_user: 'alice@example.com', incident_priority: 'P1', responders: ['alice@example.com', 'ghost@example.com'], note: 'look' } },
    });
    const { context } = outputContext('incidents', props(), { alert });
    const result = await pagerdutyIncidentOutput.send(alert, context);
    expect(result).toEqual({ ok: true, detail: 'incident PNEW set up (responder ghost@example.com is not a PagerDuty user)' });
    const calls = server.requests.map((r) => `${r.method} ${r.path}`);
    expect(calls).toEqual([
      'GET /users',
      'POST /v2/enqueue',
      'GET /incidents',
      'GET /priorities',
      'GET /users',
      'PUT /incidents/PNEW',
      'GET /users',
      'POST /incidents/PNEW/responder_requests',
      'GET /users',
      'POST /incidents/PNEW/notes',
      'POST /incidents/PNEW/notes',
    ]);
    const put = server.requests.find((r) => r.method === 'PUT');
    expect(put?.headers.authorization).toBe('Token token=PDTOKENSECRET99');
    expect(put?.headers.from).toBe('bot@example.com');
    expect(put?.headers.accept).toBe('application/vnd.pagerduty+json;version=2');
    expect(put?.json).toEqual({
      incident: {
        type: 'incident',
        title: 'StreamAlert Incident - Rule triggered: cloudtrail_root_account_usage',
        service: { id: 'PSVC01', type: 'service_reference' },
        body: { type: 'incident_body', details: alert.rule_description },
        priority: { id: 'PRIO1', type: 'priority_reference' },
        assignments: [{ assignee: { id: 'PALICE', type: 'user_reference' } }],
      },
    });
    expect((server.requests[1].json as { routing_key: string }).routing_key).toBe('INTEGRATIONKEY77');
  });

  it('merges the new incident into an open incident of the same rule when the rule asks', async () => {
    const title = 'StreamAlert Incident - Rule triggered: cloudtrail_root_account_usage';
    server.setFallback(pagerDutyApi([{ id: 'POLD', title }]));
    const alert = sampleAlert({ context: { 'pagerduty-incident': { merge_open_incidents: true } } });
    const { context } = outputContext('incidents', props(), { alert });
    const result = await pagerdutyIncidentOutput.send(alert, context);
    expect(result).toEqual({ ok: true, detail: 'incident PNEW merged into open incident POLD' });
    const merge = server.requests.find((r) => r.path === '/incidents/POLD/merge');
    expect(merge?.method).toBe('PUT');
    expect(merge?.json).toEqual({ source_incidents: [{ id: 'PNEW', type: 'incident_reference' }] });
    const put = server.requests.find((r) => r.path === '/incidents/PNEW' && r.method === 'PUT');
    expect(put?.json).toMatchObject({ incident: { escalation_policy: { id: 'PPOL01', type: 'escalation_policy_reference' } } });
    const list = server.requests.find((r) => r.path === '/incidents' && r.query.has('statuses[]'));
    expect(list?.query.getAll('statuses[]')).toEqual(['triggered', 'acknowledged']);
  });

  it('fails permanently when email_from is not a PagerDuty user', async () => {
    server.setFallback(pagerDutyApi([]));
    const { context } = outputContext('incidents', { ...props(), email_from: 'nobody@example.com' });
    const result = await pagerdutyIncidentOutput.send(sampleAlert(), context);
    expect(result).toMatchObject({ ok: false, retryable: false, error: expect.stringContaining('not a PagerDuty user') });
  });
});
