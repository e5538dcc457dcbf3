import { createHmac, timingSafeEqual } from 'node:crypto';
import { createWebhookOutput } from '../../../../runtime/outputs/webhook';
import { startRecordingServer, type RecordedRequest, type RecordingServer } from '../../../_helpers/recording-server';
import { outputContext, sampleAlert } from '../../../_helpers/output-context';

let server: RecordingServer;
const SIGNING_SECRET = 'whsec_0123456789abcdef';
const NOW = Date.UTC(2026, 11, 1, 2, 0, 0);

beforeAll(async () => {
  server = await startRecordingServer();
});
afterAll(() => server.close());
beforeEach(() => server.reset());

/** What a receiver does, written from the documented scheme only: HMAC-SHA256 over "<timestamp>.<raw body>", hex, "v1=" prefix. */
function receiverAccepts(req: RecordedRequest, secret: string, nowSeconds: number, toleranceSeconds = 300): boolean {
  const timestamp = Number(req.headers['x-streamalert-timestamp']);
  const given = String(req.headers['x-streamalert-signature'] ?? '');
  if (!Number.isInteger(timestamp) || Math.abs(nowSeconds - timestamp) > toleranceSeconds) return false;
  const expected = `v1=${createHmac('sha256', secret).update(`${timestamp}.${req.body}`).digest('hex')}`;
  return given.length === expected.length && timingSafeEqual(Buffer.from(given), Buffer.from(expected));
}

describe('webhook output', () => {
  const output = createWebhookOutput(() => NOW);

  it('POSTs the publication as JSON with a signature an independent receiver verifies', async () => {
    const alert = sampleAlert();
    const { context } = outputContext('siem', { url: `${server.url}/ingest?token=abc123`, signing_secret: SIGNING_SECRET }, { alert });
    expect((await output.send(alert, context)).ok).toBe(true);
    const [req] = server.requests;
    expect([req.method, req.path, req.query.get('token'), req.headers['content-type']]).toEqual(['POST', '/ingest', 'abc123', 'application/json']);
    expect(req.headers['x-streamalert-timestamp']).toBe(String(NOW / 1000));
    expect(req.json).toMatchObject({ alert_id: alert.alert_id, rule_name: alert.rule_name, publication: { record: alert.record } });
    expect(receiverAccepts(req, SIGNING_SECRET, NOW / 1000)).toBe(true);
  });

  it.each([
    ['a different secret', (r: RecordedRequest) => receiverAccepts(r, 'other-secret', NOW / 1000)],
    ['a tampered body', (r: RecordedRequest) => receiverAccepts({ ...r, body: r.body.replace('ConsoleLogin', 'ConsoleLogout') }, SIGNING_SECRET, NOW / 1000)],
    ['a replay an hour later', (r: RecordedRequest) => receiverAccepts(r, SIGNING_SECRET, NOW / 1000 + 3600)],
  ])('is rejected by the receiver with %s', async (_label, check) => {
    const { context } = outputContext('siem', { url: `${server.url}/ingest`, signing_secret: SIGNING_SECRET });
    await output.send(sampleAlert(), context);
    expect(check(server.requests[0])).toBe(false);
  });

  it('keeps the URL and the signing secret out of errors and logs', async () => {
    server.queue({ status: 500, body: SIGNING_SECRET }, { status: 401, body: `bad signature for ${SIGNING_SECRET}` });
    const { context, lines } = outputContext('siem', { url: `${server.url}/ingest/tok_SECRETPATH`, signing_secret: SIGNING_SECRET });
    const result = await output.send(sampleAlert(), context);
    expect(result).toMatchObject({ ok: false, retryable: false });
    expect(lines.length).toBeGreaterThan(0);
    const seen = JSON.stringify(result) + lines.join('\n');
    expect(seen).not.toContain(SIGNING_SECRET);
    expect(seen).not.toContain('SECRETPATH');
  });
});
