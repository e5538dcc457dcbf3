/** Phantom and Carbon Black: multi-step flows against a recording server. */
import { carbonblackOutput } from '../../../../runtime/outputs/carbonblack';
import { phantomOutput } from '../../../../runtime/outputs/phantom';
import { startRecordingServer, type RecordingServer } from '../../../_helpers/recording-server';
import { outputContext, sampleAlert } from '../../../_helpers/output-context';

let server: RecordingServer;

beforeAll(async () => {
  server = await startRecordingServer();
});
afterAll(() => server.close());
beforeEach(() => server.reset());

describe('phantom output', () => {
  it('creates the rule container when none exists, then adds the artifact', async () => {
    server.queue({ body: { count: 0, data: [] } }, { body: { id: 42, success: true } }, { body: { id: 7 } });
    const alert = sampleAlert();
    const { context } = outputContext('soar', { ph_auth_token: 'PHTOKEN', url: server.url }, { alert });
    expect(await phantomOutput.send(alert, context)).toEqual({ ok: true, detail: 'artifact added to container 42' });
    const [find, create, artifact] = server.requests;
    expect([find.method, find.path, find.query.get('_filter_name'), find.headers['ph-auth-token']]).toEqual(['GET', '/rest/container', `"${alert.rule_name}"`, 'PHTOKEN']);
    expect([create.method, create.json]).toEqual(['POST', { name: alert.rule_name, description: alert.rule_description }]);
    expect([artifact.path, artifact.json]).toEqual(['/rest/artifact', expect.objectContaining({ cef: alert.record, container_id: 42, label: 'Alert' })]);
  });

  it('reuses an existing container', async () => {
    server.queue({ body: { count: 1, data: [{ id: 9 }] } });
    const { context } = outputContext('soar', { ph_auth_token: 'PHTOKEN', url: server.url });
    expect((await phantomOutput.send(sampleAlert(), context)).ok).toBe(true);
    expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /rest/container', 'POST /rest/artifact']);
  });
});

describe('carbonblack output', () => {
  const md5 = 'D41D8CD98F00B204E9800998ECF8427E';
  const ban = sampleAlert({ context: { carbonblack: { action: 'ban', value: md5 } } });

  it('bans a hash that has no ban yet', async () => {
    server.queue({ status: 404, body: 'not found' });
    const { context } = outputContext('cb', { url: server.url, token: 'CBTOKEN' });
    expect(await carbonblackOutput.send(ban, context)).toEqual({ ok: true, detail: `hash ${md5.toLowerCase()} banned` });
    const [lookup, create] = server.requests;
    expect([lookup.method, lookup.path, lookup.headers['x-auth-token']]).toEqual(['GET', `/api/v1/banning/blacklist/${md5.toLowerCase()}`, 'CBTOKEN']);
    expect([create.method, create.path, create.json]).toEqual(['POST', '/api/v1/banning/blacklist', { md5hash: md5.toLowerCase(), text: 'Banned from StreamAlert', enabled: true }]);
  });

  it('enables a disabled ban again by POSTing it to the blacklist, as Carbon Black\'s own client does, and leaves an enabled one alone', async () => {
    server.queue({ body: { md5hash: md5.toLowerCase(), enabled: false, text: 'old ban' } });
    const { context } = outputContext('cb', { url: server.url, token: 'CBTOKEN' });
    expect((await carbonblackOutput.send(ban, context)).ok).toBe(true);
    const enable = server.requests[1];
    expect([enable.method, enable.path, enable.json]).toEqual(['POST', '/api/v1/banning/blacklist', { md5hash: md5.toLowerCase(), text: 'old ban', enabled: true }]);
    expect(server.requests.some((r) => r.method === 'PUT')).toBe(false);
    server.reset();
    server.queue({ body: { md5hash: md5.toLowerCase(), enabled: true } });
    expect(await carbonblackOutput.send(ban, context)).toEqual({ ok: true, detail: `hash ${md5.toLowerCase()} already banned` });
    expect(server.requests).toHaveLength(1);
  });

  it('refuses an alert without a ban action in its context, permanently', async () => {
    const { context } = outputContext('cb', { url: server.url, token: 'CBTOKEN' });
    const result = await carbonblackOutput.send(sampleAlert(), context);
    expect(result).toMatchObject({ ok: false, retryable: false, error: expect.stringContaining('context.carbonblack.action must be "ban"') });
    expect(server.requests).toHaveLength(0);
  });
});
