/**
 * Slack and alert size: a 290 KB record becomes at most five messages, the last one marked with the alert id
 * and where the full record is; a retry after a partial send (alert processor on dynalite, Slack on a loopback
 * server) goes on after the messages Slack already accepted.
 */
import { createAlertStore } from '../../../../runtime/alerts';
import { loadConfig, type Config } from '../../../../runtime/config';
import { createAlertProcessor } from '../../../../runtime/handlers/alert-processor';
import { createLogger } from '../../../../runtime/logger';
import '../../../../runtime/outputs/all';
import type { SecretSource } from '../../../../runtime/outputs';
import { MAX_MESSAGES, MESSAGE_TEXT_LIMIT, slackOutput } from '../../../../runtime/outputs/slack';
import { makeAlert } from '../../../_helpers/alerts';
import { startDynalite, type Dynalite } from '../../../_helpers/dynalite';
import { outputContext, sampleAlert } from '../../../_helpers/output-context';
import { DEFAULT_CONF_DIR } from '../../../_helpers/paths';
import { startRecordingServer, type RecordingServer } from '../../../_helpers/recording-server';

type Message = { text: string; attachments: { title: string; text: string; pretext: string; fallback: string }[] };

let server: RecordingServer;
let db: Dynalite;
beforeAll(async () => {
  [server, db] = await Promise.all([startRecordingServer(), startDynalite()]);
});
afterAll(async () => {
  await Promise.all([server.close(), db.stop()]);
});
beforeEach(() => server.reset());

/** A record of about 290 KB. */
function hugeRecord(): Record<string, unknown> {
  const record: Record<string, unknown> = {};
  for (let i = 0; i < 2900; i += 1) record[`field_${String(i).padStart(4, '0')}`] = `value ${i} `.repeat(8);
  return record;
}

const bytesOf = (m: Message): number =>
  Buffer.byteLength(m.text) + m.attachments.reduce((n, a) => n + ['text', 'pretext', 'title', 'fallback'].reduce((k, f) => k + Buffer.byteLength(String(a[f as keyof typeof a] ?? '')), 0), 0);

describe('slack output and large records', () => {
  it('posts a 290 KB record as at most five messages, the last one marked with the alert id and where the full record is', async () => {
    const alert = sampleAlert({ record: hugeRecord() });
    expect(JSON.stringify(alert.record).length).toBeGreaterThan(290_000);
    const pointer = `alert ${alert.alert_id} (rule ${alert.rule_name}); full record: s3://archive/alerts/x.json`;
    const { context } = outputContext('security', { url: `${server.url}/hook` }, { alert });
    const result = await slackOutput.send(alert, { ...context, recordPointer: pointer });
    expect(result).toEqual({ ok: true, detail: '5 message(s) posted' });
    const messages = server.requests.map((r) => r.json as Message);
    expect(messages).toHaveLength(MAX_MESSAGES);
    messages.forEach((m, i) => {
      expect(bytesOf(m)).toBeLessThanOrEqual(MESSAGE_TEXT_LIMIT);
      expect(m.attachments[0].title).toBe(`Record (part ${i + 1} of 5):`);
    });
    const last = messages[4].attachments[0].text;
    expect(last).toMatch(/\[truncated by StreamAlert: \d+ of \d+ characters shown; alert a1b2c3d4e5f6 \(rule cloudtrail_root_account_usage\); full record: s3:\/\/archive\/alerts\/x\.json\]$/);
    expect(messages.slice(0, 4).every((m) => !m.attachments[0].text.includes('truncated by StreamAlert'))).toBe(true);
    // The shown part is the beginning of the record, in order.
    expect(messages[0].attachments[0].text.startsWith('*field_0000:* value 0')).toBe(true);
  });

  it('caps publisher attachments at five messages too, with the marker as the last attachment', async () => {
    const alert = sampleAlert();
    const attachments = Array.from({ length: 300 }, (_, i) => ({ title: `part ${i}`, text: 'y'.repeat(900) }));
    const { context } = outputContext('security', { url: `${server.url}/hook` }, { alert, publication: { '@slack.attachments': attachments } });
    expect((await slackOutput.send(alert, context)).ok).toBe(true);
    const messages = server.requests.map((r) => r.json as Message);
    expect(messages).toHaveLength(MAX_MESSAGES);
    expect(messages.every((m) => bytesOf(m) <= MESSAGE_TEXT_LIMIT)).toBe(true);
    const lastAttachments = messages[4].attachments;
    expect(lastAttachments[lastAttachments.length - 1]).toMatchObject({ title: 'Truncated', text: expect.stringMatching(/of 300 attachments shown; alert a1b2c3d4e5f6/) });
  });

  it('resumes after the messages Slack accepted when the alert processor retries a partly sent alert', async () => {
    await db.createAlertsTable('slack_resume');
    const store = createAlertStore({ table: 'slack_resume', ttlDays: 30, dynamo: db.handle });
    const base = loadConfig(DEFAULT_CONF_DIR);
    const config: Config = { ...base, outputs: { ...base.outputs, slack: { security: null } } };
    const secrets: SecretSource = { get: async () => ({ url: `${server.url}/hook` }) };
    const processor = createAlertProcessor({ config, store, secrets, logger: createLogger({ level: 'error', write: () => undefined }) });
    const alert = makeAlert({ alert_id: 'big', outputs: ['slack:security'], record: hugeRecord() });
    await store.putAlerts([alert]);
    // Slack takes two messages, then fails the third (500 on every retry within the output timeout).
    server.setFallback((req) => (server.requests.indexOf(req) < 2 ? { status: 200 } : { status: 500, body: 'down' }));
    const first = await processor({ key: { rule_name: alert.rule_name, alert_id: alert.alert_id } });
    expect(first.failed).toEqual([expect.objectContaining({ output: 'slack:security', retryable: true })]);
    expect((await store.get(alert))?.state.accepted).toEqual({ 'slack:security': 2 });
    const titlesBefore = server.requests.map((r) => (r.json as Message).attachments[0].title);
    expect(titlesBefore.slice(0, 2)).toEqual(['Record (part 1 of 5):', 'Record (part 2 of 5):']);
    expect(titlesBefore.slice(2).every((t) => t === 'Record (part 3 of 5):')).toBe(true);

    server.reset();
    const second = await processor({ key: { rule_name: alert.rule_name, alert_id: alert.alert_id } });
    expect(second).toMatchObject({ sent: ['slack:security'], finished: true });
    expect(server.requests.map((r) => (r.json as Message).attachments[0].title)).toEqual(['Record (part 3 of 5):', 'Record (part 4 of 5):', 'Record (part 5 of 5):']);
    expect(await store.get(alert)).toBeUndefined();
  });
});
