import { slackOutput, recordToMrkdwn, MESSAGE_TEXT_LIMIT, ATTACHMENT_TEXT_LIMIT, MAX_MESSAGES } from '../../../../runtime/outputs/slack';
import { startRecordingServer, type RecordingServer } from '../../../_helpers/recording-server';
import { defaultPublication, outputContext, sampleAlert } from '../../../_helpers/output-context';

let server: RecordingServer;
const SECRET_PATH = '/services/T000/B000/XXXXSECRETXXXX';

beforeAll(async () => {
  server = await startRecordingServer();
});
afterAll(() => server.close());
beforeEach(() => server.reset());

const unescape = (t: string): string => t.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
const textBytes = (m: { text: string; attachments: Record<string, unknown>[] }): number =>
  Buffer.byteLength(m.text) +
  m.attachments.reduce((n, a) => n + ['text', 'pretext', 'title', 'fallback'].reduce((k, f) => k + Buffer.byteLength(String(a[f] ?? '')), 0), 0);

/** A record of about 12 KB: nested values, long strings without spaces, characters Slack escapes, non-ASCII. */
function bigRecord(): Record<string, unknown> {
  const record: Record<string, unknown> = { note: '<script>&amp; "quoted" é漢字', blob: 'x'.repeat(5200) };
  for (let i = 0; i < 80; i += 1) record[`key_${String(i).padStart(3, '0')}`] = { host: `host-${i}.example.com`, tags: ['a', 'b', i], n: i };
  return record;
}

describe('slack output', () => {
  it('posts the documented incoming-webhook payload to the webhook URL', async () => {
    const { context } = outputContext('security', { url: `${server.url}${SECRET_PATH}` });
    const result = await slackOutput.send(sampleAlert(), context);
    expect(result).toEqual({ ok: true, detail: '1 message(s) posted' });
    const [req] = server.requests;
    expect(req.method).toBe('POST');
    expect(req.path).toBe(SECRET_PATH);
    expect(req.headers['content-type']).toBe('application/json');
    expect(req.json).toMatchObject({
      text: '*StreamAlert Rule Triggered: cloudtrail_root_account_usage*',
      mrkdwn: true,
      attachments: [{ title: 'Record:', pretext: '*Rule Description:*\nThe root account was used\n', mrkdwn_in: ['text', 'pretext'] }],
    });
    const text = (req.json as { attachments: { text: string }[] }).attachments[0].text;
    expect(text).toContain('*eventName:* ConsoleLogin');
    expect(text).toContain('*userIdentity:*\n\t*arn:* arn:aws:iam::123456789012:root');
  });

  it('splits a 12 KB record over several messages (at most five), in order, each within the limits, losing nothing', async () => {
    const alert = sampleAlert({ record: bigRecord() });
    expect(JSON.stringify(alert.record).length).toBeGreaterThan(10_000);
    const { context } = outputContext('security', { url: `${server.url}${SECRET_PATH}` }, { alert });
    const result = await slackOutput.send(alert, context);
    expect(result.ok).toBe(true);
    const messages = server.requests.map((r) => r.json as { text: string; attachments: Record<string, unknown>[] });
    expect(messages.length).toBeGreaterThan(2);
    expect(messages.length).toBeLessThanOrEqual(MAX_MESSAGES);
    const n = messages.length;
    messages.forEach((m, i) => {
      expect(textBytes(m)).toBeLessThanOrEqual(MESSAGE_TEXT_LIMIT);
      expect(String(m.attachments[0].text).length).toBeLessThanOrEqual(ATTACHMENT_TEXT_LIMIT);
      expect(m.attachments[0].title).toBe(`Record (part ${i + 1} of ${n}):`);
    });
    const joined = messages.map((m) => unescape(String(m.attachments[0].text))).join('');
    expect(joined).toContain('<script>&amp; "quoted" é漢字');
    expect(joined).toContain('x'.repeat(6000).slice(0, 10));
    expect(joined.split('x').length - 1).toBeGreaterThanOrEqual(5200);
    // Everything in order: the key_ lines appear once each, ascending.
    const keys = [...joined.matchAll(/\*key_(\d{3}):\*/g)].map((m) => Number(m[1]));
    expect(keys).toEqual(Array.from({ length: 80 }, (_, i) => i));
    expect(joined).toBe(recordToMrkdwn(alert.record).join('\n'));
  });

  it('uses publisher attachments and groups them within the limits', async () => {
    const alert = sampleAlert();
    const attachments = Array.from({ length: 25 }, (_, i) => ({ title: `part ${i}`, text: 'y'.repeat(i === 3 ? 9000 : 100) }));
    const publication = { ...defaultPublication(alert), '@slack.text': 'Rule triggered', '@slack.attachments': attachments };
    const { context } = outputContext('security', { url: `${server.url}/hook` }, { publication });
    expect((await slackOutput.send(alert, context)).ok).toBe(true);
    const messages = server.requests.map((r) => r.json as { text: string; attachments: Record<string, unknown>[] });
    expect(messages.every((m) => m.text === 'Rule triggered' && m.attachments.length <= 20)).toBe(true);
    expect(messages.flatMap((m) => m.attachments.map((a) => a.title))).toEqual(attachments.map((a) => a.title));
    expect(messages.flatMap((m) => m.attachments).every((a) => String(a.text).length <= ATTACHMENT_TEXT_LIMIT)).toBe(true);
  });

  it('reports a rejected webhook as permanent without showing its URL', async () => {
    server.queue({ status: 404, body: 'no_service' });
    const { context, lines } = outputContext('security', { url: `${server.url}${SECRET_PATH}` });
    const result = await slackOutput.send(sampleAlert(), context);
    expect(result).toMatchObject({ ok: false, retryable: false });
    expect(!result.ok && result.error).toContain('HTTP 404: no_service');
    expect(JSON.stringify(result) + lines.join('')).not.toContain('SECRET');
  });

  it('fails permanently when the descriptor has no url', async () => {
    const { context } = outputContext('security', {});
    const result = await slackOutput.send(sampleAlert(), context);
    expect(result).toEqual({ ok: false, retryable: false, error: expect.stringContaining('property "url" is not set') });
  });

  it('retries a 500 within the output timeout and succeeds', async () => {
    server.queue({ status: 500, body: 'internal' });
    const { context, lines } = outputContext('security', { url: `${server.url}${SECRET_PATH}` });
    expect(await slackOutput.send(sampleAlert(), context)).toEqual({ ok: true, detail: '1 message(s) posted' });
    expect(server.requests).toHaveLength(2);
    expect(lines.some((l) => l.includes('retrying'))).toBe(true);
    expect(lines.join('')).not.toContain('SECRET');
  });

  it('returns a retryable failure when Slack hangs past the output timeout', async () => {
    server.setFallback(() => ({ hang: true }));
    const { context } = outputContext('security', { url: `${server.url}${SECRET_PATH}` }, { timeoutMs: 400 });
    const result = await slackOutput.send(sampleAlert(), context);
    expect(result).toMatchObject({ ok: false, retryable: true, error: expect.stringMatching(/no response within \d+ ms/) });
    expect(JSON.stringify(result)).not.toContain('SECRET');
  });
});
