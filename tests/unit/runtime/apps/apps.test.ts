/**
 * Every app against a loopback server that speaks its API (auth and paging as documented): what is served
 * is sent, in order, once; rate limits, server errors, failed runs and crashes lose nothing.
 */
import { createAppHttp, createMemoryAppStore, getApp, runApp, type AppState, type AppStore } from '../../../../runtime/apps';
import { aliyunSpec, boxSpec, duoSpec, githubSpec, gsuiteSpec, intercomSpec, oktaSpec, oneloginSpec, slackSpec, startFakeSaas, type FakeApiSpec, type FakeSaas } from '../../../_helpers/fake-saas';

const NOW = Date.parse('2026-11-30T12:00:00Z');
let saas: FakeSaas;

beforeAll(async () => {
  saas = await startFakeSaas();
});
afterAll(() => saas.close());

interface Harness {
  readonly store: AppStore & { readonly saved: AppState[] };
  readonly sent: Record<string, unknown>[][];
  readonly sleeps: number[];
  run(now?: number): ReturnType<typeof runApp>;
}

function harness(spec: FakeApiSpec, store = createMemoryAppStore({ ...spec.auth })): Harness {
  const sent: Record<string, unknown>[][] = [];
  const sleeps: number[] = [];
  const sleep = async (ms: number): Promise<void> => {
    sleeps.push(ms);
  };
  return {
    store,
    sent,
    sleeps,
    run: (now = NOW) =>
      runApp({
        app: getApp(spec.type),
        name: `acme_corp_${spec.type}_app`,
        store,
        send: async (payload) => {
          const parsed = JSON.parse(payload) as { Records: { streamalert_app: string; logs: Record<string, unknown>[] }[] };
          expect(parsed.Records[0]?.streamalert_app).toBe(`acme_corp_${spec.type}_app`);
          sent.push(parsed.Records[0]?.logs ?? []);
        },
        http: createAppHttp({ sleep, backoffMs: 10, retries: 2 }),
        sleep,
        endpoint: saas.url,
        now: () => new Date(now),
      }),
  };
}

const flat = (sent: Record<string, unknown>[][]): string[] => sent.flat().map((log) => JSON.stringify(log));
const ordered = (events: Record<string, unknown>[]): string[] => events.map((e) => JSON.stringify(e));

/** The served events in the order the app must send them (oldest first, or page order for newest-first APIs). */
const specs: [string, () => FakeApiSpec, boolean][] = [
  ['duo_auth', () => duoSpec('auth'), true],
  ['duo_admin', () => duoSpec('admin'), true],
  ['onelogin_events', () => oneloginSpec(), true],
  ['okta_system_log', () => oktaSpec(), true],
  ['github_audit_log', () => githubSpec(), true],
  ['intercom_admin_activity_logs', () => intercomSpec(), false],
  ['slack_access', () => slackSpec('access'), false],
  ['slack_integration', () => slackSpec('integration'), false],
  ['gsuite_login', () => gsuiteSpec('login'), false],
  ['box_admin_events', () => boxSpec(), true],
  ['aliyun_actiontrail', () => aliyunSpec(), false],
];

describe.each(specs)('app %s', (_type, makeSpec, oldestFirst) => {
  let spec: FakeApiSpec;
  const expectOrder = (events: Record<string, unknown>[]): string[] => ordered(oldestFirst ? events : [...events].reverse());

  beforeEach(() => {
    spec = makeSpec();
    saas.use(spec);
  });
  /** Enough records for three pages or more, whatever the API's page size. */
  const several = (extra: number): number => (spec.pageSize === undefined ? 6 + extra : spec.pageSize * 2 + extra);

  it('sends every record served over several pages, in order, and nothing twice on the next run', async () => {
    const first = saas.addEvents(several(2), NOW - 60_000);
    const h = harness(spec);
    const summary = await h.run();
    expect(summary).toMatchObject({ status: 'succeeded', logs_sent: first.length });
    expect(flat(h.sent)).toEqual(expectOrder(first));
    expect(h.store.saved.at(-1)).toMatchObject({ current_state: 'succeeded' });

    const again = await h.run(NOW + 60_000);
    expect(again.logs_sent).toBe(0);
    const later = saas.addEvents(4, NOW + 110_000, 10_000);
    await h.run(NOW + 120_000);
    expect(flat(h.sent)).toEqual([...expectOrder(first), ...expectOrder(later)]);
  });

  it('sends nothing and succeeds on an empty API', async () => {
    const h = harness(spec);
    await expect(h.run()).resolves.toMatchObject({ status: 'succeeded', logs_sent: 0 });
  });

  it('waits as Retry-After asks on a 429 and loses nothing', async () => {
    const events = saas.addEvents(several(1), NOW - 60_000);
    const h = harness(spec);
    saas.failAt(2, { status: 429, body: { error: 'rate limited' }, headers: { 'retry-after': '7' } });
    await h.run();
    expect(h.sleeps).toContain(7000);
    expect(flat(h.sent)).toEqual(expectOrder(events));
  });

  it('retries a 500 in the middle of a run', async () => {
    const events = saas.addEvents(several(1), NOW - 60_000);
    const h = harness(spec);
    saas.failAt(2, { status: 500, body: { error: 'boom' } });
    await h.run();
    expect(flat(h.sent)).toEqual(expectOrder(events));
  });

  it('keeps the last saved cursor when a run fails, and the next run sends the rest without a gap', async () => {
    const events = saas.addEvents(several(2), NOW - 60_000);
    const h = harness(spec);
    saas.failAt(2, { status: 503, body: { error: 'down' } }, 3);
    await expect(h.run()).rejects.toThrow(/503/);
    expect(h.store.saved.at(-1)).toMatchObject({ current_state: 'failed' });
    await h.run(NOW + 1000);
    const all = flat(h.sent);
    expect(new Set(all)).toEqual(new Set(ordered(events)));
    expect(all).toHaveLength(new Set(all).size);
  });

  it('re-sends, never skips, after a crash between a send and the state save', async () => {
    const events = saas.addEvents(several(2), NOW - 60_000);
    const inner = createMemoryAppStore({ ...spec.auth });
    let saves = 0;
    const crashing: AppStore & { saved: AppState[] } = {
      ...inner,
      saved: inner.saved,
      saveState: async (state) => {
        saves += 1;
        // Save 1 takes the lease; save 2 follows the first page: the crash happens after that page was sent.
        if (saves === 2) throw new Error('simulated crash');
        return inner.saveState(state);
      },
    };
    const h = harness(spec, crashing);
    await expect(h.run()).rejects.toThrow('simulated crash');
    expect(h.sent.length).toBeGreaterThan(0);
    await h.run(NOW + 1000);
    expect(new Set(flat(h.sent))).toEqual(new Set(ordered(events)));
  });

  it('does nothing while another run holds the lease', async () => {
    saas.addEvents(2, NOW - 60_000);
    const h = harness(spec, createMemoryAppStore({ ...spec.auth }, { current_state: 'running', running_until: new Date(NOW + 60_000).toISOString() }));
    await expect(h.run()).resolves.toMatchObject({ status: 'skipped', logs_sent: 0 });
    expect(saas.requests).toHaveLength(0);
  });

  it('refuses to run without its credentials, naming the missing ones only', async () => {
    const h = harness(spec, createMemoryAppStore({}));
    const names = getApp(spec.type).auth.map((p) => p.name);
    await expect(h.run()).rejects.toThrow(new RegExp(`credentials lack ${names[0]}`));
    expect(saas.requests).toHaveLength(0);
  });
});

describe.each([
  ['onelogin_events', () => oneloginSpec(), '/auth/oauth2/v2/token', true],
  ['gsuite_login', () => gsuiteSpec('login'), '/token', false],
  ['box_admin_events', () => boxSpec(), '/oauth2/token', true],
] as const)('app %s tokens', (_type, makeSpec, tokenPath, oldestFirst) => {
  it('fetches a new token when the API refuses an expired one mid-run', async () => {
    const spec = makeSpec();
    saas.use(spec);
    const events = saas.addEvents(7, NOW - 60_000);
    const h = harness(spec);
    // Request 1 gets the token, 2 the first page; the token "expires" at request 3.
    saas.failAt(3, { status: 401, body: { error: 'token expired' } });
    await h.run();
    expect(flat(h.sent)).toEqual(ordered(oldestFirst ? events : [...events].reverse()));
    expect(saas.requests.filter((r) => r.url.pathname === tokenPath)).toHaveLength(2);
  });
});

describe('app errors', () => {
  it('does not retry a 400 and never quotes the request query in the error', async () => {
    const spec = oktaSpec();
    saas.use(spec);
    saas.failAt(1, { status: 400, body: { errorSummary: 'bad request' } });
    const h = harness(spec);
    const error = await h.run().catch((err: Error) => err);
    expect(String(error)).toMatch(/answered 400/);
    expect(String(error)).not.toMatch(/since=/);
    expect(saas.requests).toHaveLength(1);
  });
});
