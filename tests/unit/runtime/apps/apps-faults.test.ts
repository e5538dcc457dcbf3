/**
 * The apps' fault suite, part two (issue 19 points 4 to 7), against the loopback fake of each API: state that
 * stays within SSM's size, a next link that never changes, next links to another host, and Duo's pause that
 * must fit the time left.
 */
import { createAppHttp, createMemoryAppStore, getApp, runApp, type AppState } from '../../../../runtime/apps';
import { AppCursorStuckError, AppHttpError } from '../../../../runtime/apps/errors';
import { createLogger } from '../../../../runtime/logger';
import { duoSpec, githubSpec, intercomSpec, oktaSpec, oneloginSpec, startFakeSaas, type FakeApiSpec, type FakeResponse, type FakeSaas } from '../../../_helpers/fake-saas';

const NOW = Date.parse('2026-11-30T12:00:00Z');
let saas: FakeSaas;
beforeAll(async () => {
  saas = await startFakeSaas();
});
afterAll(() => saas.close());

/** Runs `spec`'s app once; every URL fetched and every log line is kept. */
async function run(spec: FakeApiSpec, options: { state?: AppState; remainingMs?: () => number; sleep?: (ms: number) => Promise<void> } = {}) {
  const fetched: string[] = [];
  const lines: Record<string, unknown>[] = [];
  const sent: unknown[] = [];
  const store = createMemoryAppStore({ ...spec.auth }, options.state ?? {});
  const recordingFetch = ((url: string | URL | Request, init?: RequestInit) => {
    fetched.push(String(url));
    return fetch(url, init);
  }) as typeof fetch;
  const outcome = await runApp({
    app: getApp(spec.type),
    name: `acme_corp_${spec.type}_app`,
    store,
    send: async (payload) => void sent.push(...((JSON.parse(payload) as { Records: { logs: unknown[] }[] }).Records[0]?.logs ?? [])),
    http: createAppHttp({ fetch: recordingFetch, sleep: async () => undefined, backoffMs: 1, retries: 1 }),
    sleep: options.sleep ?? (async () => undefined),
    endpoint: saas.url,
    now: () => new Date(NOW),
    remainingMs: options.remainingMs,
    maxPolls: 50,
    logger: createLogger({ level: 'debug', write: (l) => lines.push(JSON.parse(l) as Record<string, unknown>) }),
  }).then(
    (summary) => ({ summary, error: undefined as unknown }),
    (error: unknown) => ({ summary: undefined, error }),
  );
  return { ...outcome, fetched, lines, sent, store };
}

/** The API's next link replaced by `link(base)` on every page that has one. */
function withNextLink(spec: FakeApiSpec, link: (base: string) => string): FakeApiSpec {
  return {
    ...spec,
    serve(request, events, base) {
      const out: FakeResponse = spec.serve(request, events, base);
      const body = out.body as Record<string, Record<string, unknown>> | undefined;
      if (body?.pagination !== undefined) return { ...out, body: { ...body, pagination: { ...body.pagination, next_link: link(base) } } };
      if (body?.pages !== undefined) return { ...out, body: { ...body, pages: { ...body.pages, next: link(base) } } };
      if (out.headers?.link !== undefined || Array.isArray(out.body)) return { ...out, headers: { ...out.headers, link: `<${link(base)}>; rel="next"` } };
      return out;
    },
  };
}

/** Apps that follow next links the API returns, with the path of their first page. */
const linkApps: [string, () => FakeApiSpec, string][] = [
  ['onelogin_events', oneloginSpec, '/api/1/events?since=2026-11-30T11:00:00.000Z&after_cursor=0'],
  ['okta_system_log', oktaSpec, '/api/v1/logs?since=2026-11-30T11:00:00.000Z&after=0'],
  ['github_audit_log', githubSpec, '/orgs/acme/audit-log?page=0'],
  ['intercom_admin_activity_logs', intercomSpec, '/admins/activity_logs?created_at_after=1764500400&offset=0'],
];

describe.each(linkApps)('app %s', (_type, makeSpec, firstPage) => {
  it('stops with an error and a metric at the first repeat when the API returns the same next link forever', async () => {
    const spec = withNextLink(makeSpec(), (base) => `${base}${firstPage}`);
    saas.use(spec);
    const events = saas.addEvents(2, NOW - 60_000);
    const r = await run(spec);
    expect(r.error).toBeInstanceOf(AppCursorStuckError);
    // The repeat is seen on the second poll: the page went out at most twice, not once per poll until the timeout.
    expect(r.sent.length).toBeGreaterThanOrEqual(events.length);
    expect(r.sent.length).toBeLessThanOrEqual(2 * events.length);
    expect(r.lines).toContainEqual(expect.objectContaining({ level: 'ERROR', app_cursor_stuck: 1 }));
    expect(r.store.saved.at(-1)).toMatchObject({ current_state: 'failed' });
    expect(r.fetched.length).toBeLessThan(6);
  });

  it('refuses a next link to another host: the credentials never leave the configured API host', async () => {
    const spec = withNextLink(makeSpec(), () => 'https://collector.evil.example/steal?page=2');
    saas.use(spec);
    saas.addEvents(2, NOW - 60_000);
    const r = await run(spec);
    expect(r.error).toBeInstanceOf(AppHttpError);
    expect(String((r.error as Error).message)).toMatch(/refused a next link to https:\/\/collector\.evil\.example/);
    expect(r.fetched.every((u) => u.startsWith(saas.url))).toBe(true);
    expect(r.store.saved.at(-1)).toMatchObject({ current_state: 'failed' });
  });
});

describe('app state and SSM', () => {
  it.each([
    ['duo_auth', () => duoSpec('auth')],
    ['duo_admin', () => duoSpec('admin')],
  ])('%s: 10,000 events in the same second keep the saved state within 4,096 characters and the cursor moving', async (_type, makeSpec) => {
    const spec = makeSpec();
    saas.use(spec);
    saas.addEvents(10_000, NOW - 30_000, 0);
    const r = await run(spec);
    expect(r.error).toBeUndefined();
    expect(r.sent.length).toBeGreaterThan(0);
    for (const state of r.store.saved) expect(JSON.stringify(state).length).toBeLessThan(4096);
    const last = r.store.saved.at(-1);
    expect(last).toMatchObject({ current_state: 'succeeded' });
    // The run moved past the crowded second (Duo pages by whole seconds only), saying so.
    expect(Number(last?.last_timestamp)).toBeGreaterThan(NOW - 30_000);
  });

  it('100 events in one second (the reproduction) are all sent once, with a state of a few hundred characters', async () => {
    const spec = duoSpec('auth');
    saas.use(spec);
    const events = saas.addEvents(100, NOW - 30_000, 0);
    const r = await run(spec);
    expect(r.sent).toHaveLength(events.length);
    const state = r.store.saved.at(-1);
    expect(JSON.stringify(state).length).toBeLessThan(1000);
    expect(state).toMatchObject({ seen_count: 100 });
    const again = await run(spec, { state });
    expect(again.sent).toHaveLength(0);
  });
});

describe("Duo's pause between polls", () => {
  it.each([
    ['duo_auth', () => duoSpec('auth')],
    ['duo_admin', () => duoSpec('admin')],
  ])('%s: does not start the 30 s pause when the rest of the run would not fit; it saves state and ends', async (_type, makeSpec) => {
    const spec = makeSpec();
    saas.use(spec);
    // More than a page: the API has more after the first poll.
    saas.addEvents(1200, NOW - 60_000, 1000);
    const sleeps: number[] = [];
    // 32 s left: less than the 30 s pause plus the end margin and another poll.
    const r = await run(spec, { remainingMs: () => 32_000, sleep: async (ms) => void sleeps.push(ms) });
    expect(r.error).toBeUndefined();
    expect(r.summary).toMatchObject({ status: 'succeeded', polls: 1, more: true });
    expect(sleeps).toEqual([]);
    expect(r.store.saved.at(-1)).toMatchObject({ current_state: 'succeeded' });
  });

  it('pauses between polls when the run has the time', async () => {
    const spec = duoSpec('auth');
    saas.use(spec);
    saas.addEvents(1200, NOW - 60_000, 1000);
    const sleeps: number[] = [];
    const r = await run(spec, { remainingMs: () => 600_000, sleep: async (ms) => void sleeps.push(ms) });
    expect(r.summary).toMatchObject({ status: 'succeeded', polls: 2 });
    expect(sleeps).toEqual([30_000]);
  });
});
