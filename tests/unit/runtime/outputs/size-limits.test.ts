/**
 * Every output fits its vendor's documented limit: a 700 KB record is shortened with a visible marker naming
 * the alert and where its full record is, and the alert is sent (never dropped for its size). The requests
 * are measured as a loopback server received them.
 */
import { loadConfig, type Config } from '../../../../runtime/config';
import { createLogger } from '../../../../runtime/logger';
import '../../../../runtime/outputs/all';
import { recordLocation } from '../../../../runtime/outputs/deliver';
import { fitJsonPayload, fitText, jsonBytes, VENDOR_LIMITS } from '../../../../runtime/outputs/common/fit';
import { githubOutput } from '../../../../runtime/outputs/github';
import { jiraV2Output } from '../../../../runtime/outputs/jira';
import { opsgenieOutput } from '../../../../runtime/outputs/opsgenie';
import { pagerdutyOutput } from '../../../../runtime/outputs/pagerduty/v1';
import { pagerdutyV2Output } from '../../../../runtime/outputs/pagerduty/v2';
import { teamsOutput } from '../../../../runtime/outputs/teams';
import type { OutputService } from '../../../../runtime/outputs/types';
import { outputContext, sampleAlert } from '../../../_helpers/output-context';
import { DEFAULT_CONF_DIR } from '../../../_helpers/paths';
import { startRecordingServer, type RecordingServer } from '../../../_helpers/recording-server';

let server: RecordingServer;
beforeAll(async () => {
  server = await startRecordingServer();
});
afterAll(() => server.close());
beforeEach(() => server.reset());

/** About 700 KB, with characters JSON escapes and non-ASCII text. */
function hugeRecord(): Record<string, unknown> {
  const record: Record<string, unknown> = {};
  for (let i = 0; i < 7000; i += 1) record[`k${i}`] = `"quoted" é漢字 line\n${'v'.repeat(60)}`;
  return record;
}

const alert = sampleAlert({ record: hugeRecord(), outputs: ['aws-s3:archive', 'slack:security'] });
const POINTER = 'alert a1b2c3d4e5f6 (rule cloudtrail_root_account_usage); full record: s3://acme-archive/alerts/x.json';
const MARKER = /\[truncated by StreamAlert: \d+ of \d+ (bytes|characters) shown; alert a1b2c3d4e5f6 \(rule cloudtrail_root_account_usage\); full record: s3:\/\/acme-archive\/alerts\/x\.json\]/;

const cases: [string, OutputService, Record<string, string>, (body: string, json: unknown) => number, number][] = [
  ['pagerduty-v2 (512 KB an event)', pagerdutyV2Output, { routing_key: 'RK', url: '/v2/enqueue' }, (b) => Buffer.byteLength(b), VENDOR_LIMITS.pagerdutyEventBytes],
  ['pagerduty v1 (512 KB an event)', pagerdutyOutput, { service_key: 'SK', url: '/v1' }, (b) => Buffer.byteLength(b), VENDOR_LIMITS.pagerdutyEventBytes],
  ['teams (28 KB a card)', teamsOutput, { url: '/teams' }, (b) => Buffer.byteLength(b), VENDOR_LIMITS.teamsCardBytes],
  ['github (65,536 characters a body)', githubOutput, { repository: 'acme/alerts', username: 'bot', access_token: 'T', api: '/' }, (_b, j) => String((j as { body: string }).body).length, VENDOR_LIMITS.githubBodyChars],
  ['opsgenie (15,000 characters a description)', opsgenieOutput, { api_key: 'K', api_url: '/' }, (_b, j) => String((j as { description: string }).description).length, VENDOR_LIMITS.opsgenieDescriptionChars],
];

describe('outputs and the size limits of their vendors', () => {
  it.each(cases)('%s: shortens the record with a marker and sends the alert', async (_name, output, properties, measure, limit) => {
    const absolute = Object.fromEntries(Object.entries(properties).map(([k, v]) => [k, v.startsWith('/') ? `${server.url}${v}` : v]));
    const { context } = outputContext('d', absolute, { alert });
    const result = await output.send(alert, { ...context, recordPointer: POINTER });
    expect(result).toMatchObject({ ok: true });
    const [req] = server.requests;
    expect(measure(req.body, req.json)).toBeLessThanOrEqual(limit);
    expect(req.body.length).toBeGreaterThan(limit / 2);
    expect(JSON.parse(req.body) as unknown).toBeDefined();
    expect(JSON.stringify(req.json)).toMatch(MARKER);
  });

  it('jira-v2: keeps the description within 32,767 characters, in one closed code block, with the marker', async () => {
    server.queue({ body: { id: '1', key: 'SEC-1' } });
    const { context } = outputContext('d', { url: server.url, user_name: 'u@example.com', api_key: 'K', project_key: 'SEC', issue_type: 'Task' }, { alert });
    expect(await jiraV2Output.send(alert, { ...context, recordPointer: POINTER })).toMatchObject({ ok: true });
    const description = (server.requests[0].json as { fields: { description: string } }).fields.description;
    expect(description.length).toBeLessThanOrEqual(VENDOR_LIMITS.jiraFieldChars);
    expect(description.startsWith('{code:JSON}')).toBe(true);
    expect(description.endsWith('{code}')).toBe(true);
    expect(description).toMatch(MARKER);
  });

  it('sends small alerts unchanged: no marker', async () => {
    const small = sampleAlert();
    const { context } = outputContext('d', { routing_key: 'RK', url: `${server.url}/v2/enqueue` }, { alert: small });
    expect((await pagerdutyV2Output.send(small, context)).ok).toBe(true);
    expect((server.requests[0].json as { payload: { custom_details: unknown } }).payload.custom_details).toEqual({ description: small.rule_description, record: small.record });
  });

  it('points at the aws-s3 object, the alert history and the alerts table, whichever hold the full record', () => {
    const base = loadConfig(DEFAULT_CONF_DIR);
    const config: Config = { ...base, outputs: { ...base.outputs, 'aws-s3': { archive: 'acme-archive' }, 'aws-firehose': { alerts: 'acme_streamalert_alert_delivery' } } };
    const a = sampleAlert({ outputs: ['aws-s3:archive', 'aws-firehose:alerts', 'slack:security'] });
    expect(recordLocation(a, config)).toBe(
      `alert a1b2c3d4e5f6 (rule cloudtrail_root_account_usage); full record: s3://acme-archive/alerts/dt=2026-12-01/cloudtrail_root_account_usage/a1b2c3d4e5f6.json, ` +
        `alert history s3://${base.account.prefix}-streamalert-data/alerts/history/ (Athena table "alerts"), alerts table ${base.account.prefix}_streamalert_alerts until delivered`,
    );
    expect(recordLocation(sampleAlert({ outputs: ['slack:security'] }), config)).toMatch(/full record: alerts table \S+ until delivered$/);
  });

  it('fits texts to a limit in characters or bytes, never splitting a character, and keeps what fits', () => {
    expect(fitText('short', 100, 'alert x')).toBe('short');
    const cut = fitText('漢'.repeat(1000), 200, 'alert x', 'bytes');
    expect(Buffer.byteLength(cut)).toBeLessThanOrEqual(200);
    expect(cut).toMatch(/^漢+\n\.\.\. \[truncated by StreamAlert: \d+ of 3000 bytes shown; alert x\]$/);
    const payload = fitJsonPayload((part) => ({ keep: 'me', part }), { a: '"\\'.repeat(5000) }, 2000, 'alert x');
    expect(jsonBytes(payload)).toBeLessThanOrEqual(2000);
    expect(payload.keep).toBe('me');
  });

  it('logs nothing secret while shortening', async () => {
    const lines: string[] = [];
    const { context } = outputContext('d', { routing_key: 'RK-SECRET-123', url: `${server.url}/v2/enqueue` }, { alert });
    await pagerdutyV2Output.send(alert, { ...context, logger: createLogger({ level: 'debug', write: (l) => lines.push(l) }) });
    expect(lines.join('\n')).not.toContain('RK-SECRET-123');
  });
});
