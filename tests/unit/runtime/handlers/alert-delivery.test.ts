import { createAlertStore, type AlertObjects, type AlertStore } from '../../../../runtime/alerts';
import { mergeAlerts } from '../../../../runtime/alerts/merge';
import { loadConfig, type Config } from '../../../../runtime/config';
import { createAlertMerger, type AlertMergerCounts } from '../../../../runtime/handlers/alert-merger';
import { createAlertProcessor } from '../../../../runtime/handlers/alert-processor';
import { createLogger, type Logger } from '../../../../runtime/logger';
import { registerOutput, type OutputResult, type SecretSource } from '../../../../runtime/outputs';
import type { Publication } from '../../../../runtime/publishers';
import type { Alert } from '../../../../runtime/rules';
import { makeAlert } from '../../../_helpers/alerts';
import { startDynalite, type Dynalite } from '../../../_helpers/dynalite';
import { DEFAULT_CONF_DIR } from '../../../_helpers/paths';

/** Outputs of this test: each call is recorded; `failures` says how many first calls fail per descriptor. */
const calls: { service: string; descriptor: string; alert_id: string; publication: Publication }[] = [];
const failures = new Map<string, number>();
for (const service of ['test-good', 'test-flaky']) {
  registerOutput({
    service,
    properties: [],
    resourceInConfig: false,
    async send(alert, ctx): Promise<OutputResult> {
      calls.push({ service, descriptor: ctx.descriptor, alert_id: alert.alert_id, publication: ctx.publication });
      const left = failures.get(`${service}:${ctx.descriptor}`) ?? 0;
      if (left > 0) {
        failures.set(`${service}:${ctx.descriptor}`, left - 1);
        return { ok: false, retryable: true, error: `${service} is down (${left} left)` };
      }
      return { ok: true };
    },
  });
}

const base = loadConfig(DEFAULT_CONF_DIR);
const config: Config = { ...base, outputs: { ...base.outputs, 'test-good': { a: null }, 'test-flaky': { b: null } } };
const noSecrets: SecretSource = { get: async () => undefined };
const T0 = Date.parse('2026-01-01T00:00:00Z');

let db: Dynalite;
const objects = new Map<string, unknown>();
const memoryObjects: AlertObjects = { put: async (k, v) => void objects.set(k, JSON.parse(JSON.stringify(v))), get: async (k) => objects.get(k) };

beforeAll(async () => {
  db = await startDynalite();
});
afterAll(() => db.stop());
beforeEach(() => {
  calls.length = 0;
  failures.clear();
  objects.clear();
});

/** A table, a processor and a merger whose dispatch calls the processor directly, with a clock the test moves. */
async function pipeline(table: string) {
  await db.createAlertsTable(table);
  const lines: Record<string, unknown>[] = [];
  const logger: Logger = createLogger({ level: 'debug', write: (l) => lines.push(JSON.parse(l) as Record<string, unknown>) });
  const store: AlertStore = createAlertStore({ table, ttlDays: 30, dynamo: db.handle, objects: memoryObjects });
  const clock = { now: T0 };
  const processor = createAlertProcessor({ config, store, secrets: noSecrets, logger, now: () => new Date(clock.now) });
  const payloads: unknown[] = [];
  const merger = createAlertMerger({
    config,
    store,
    objects: memoryObjects,
    logger,
    now: () => new Date(clock.now),
    invoke: async (payload) => {
      payloads.push(JSON.parse(payload));
      await processor(JSON.parse(payload));
    },
  });
  const runAt = (minutes: number): Promise<AlertMergerCounts> => {
    clock.now = T0 + minutes * 60_000;
    return merger();
  };
  return { store, processor, merger, runAt, lines, payloads };
}

const allAlerts = async (store: AlertStore, rule = 'test_rule') => (await store.query(rule, { limit: 1000 })).alerts;
const created = (minutes: number): string => new Date(T0 + minutes * 60_000).toISOString();

describe('alert delivery: merger and processor on dynalite', () => {
  it('delivers an alert to every output once and removes it from the table', async () => {
    const p = await pipeline('d_once');
    await p.store.putAlerts([makeAlert({ alert_id: 'one', created: created(0), outputs: ['test-good:a', 'test-flaky:b'] })]);
    const counts = await p.runAt(1);
    expect(counts).toMatchObject({ dispatched: 1, dead_lettered: 0 });
    expect(calls.map((c) => `${c.service}:${c.descriptor}`).sort()).toEqual(['test-flaky:b', 'test-good:a']);
    expect(calls[0].publication).toMatchObject({ id: 'one', rule_name: 'test_rule' });
    expect(await allAlerts(p.store)).toEqual([]);
  });

  it('retries an output failing its first attempts with backoff, never resending to the output that has it', async () => {
    const p = await pipeline('d_flaky');
    failures.set('test-flaky:b', 2);
    await p.store.putAlerts([makeAlert({ alert_id: 'f1', created: created(0), outputs: ['test-good:a', 'test-flaky:b'] })]);
    await p.runAt(0);
    let [stored] = await allAlerts(p.store);
    expect(stored.state).toMatchObject({ outputs_sent: ['test-good:a'], attempts: 1, last_errors: { 'test-flaky:b': 'test-flaky is down (2 left)' } });
    // The first backoff is 60 s: a run 30 s later does not even read it (it is not due).
    expect(await p.runAt(0.5)).toMatchObject({ dispatched: 0, alerts_read: 0 });
    await p.runAt(1);
    [stored] = await allAlerts(p.store);
    expect(stored.state).toMatchObject({ outputs_sent: ['test-good:a'], attempts: 2, last_errors: { 'test-flaky:b': 'test-flaky is down (1 left)' } });
    // The second backoff is 120 s.
    expect(await p.runAt(2.5)).toMatchObject({ dispatched: 0, alerts_read: 0 });
    expect(await p.runAt(3)).toMatchObject({ dispatched: 1 });
    expect(calls.filter((c) => c.service === 'test-good')).toHaveLength(1);
    expect(calls.filter((c) => c.service === 'test-flaky')).toHaveLength(3);
    expect(await allAlerts(p.store)).toEqual([]);
  });

  it('dead-letters an alert past its maximum age with every output last error, logs it at ERROR and removes it', async () => {
    const p = await pipeline('d_dead');
    failures.set('test-flaky:b', 1000);
    await p.store.putAlerts([makeAlert({ alert_id: 'old', created: created(0), outputs: ['test-good:a', 'test-flaky:b'] })]);
    await p.runAt(0);
    const counts = await p.runAt(24 * 60 + 1);
    expect(counts).toMatchObject({ dead_lettered: 1, dispatched: 0 });
    const [key] = [...objects.keys()].filter((k) => k.startsWith('alerts/dead-letter/'));
    expect(key).toBe('alerts/dead-letter/dt=2026-01-02/test_rule/old.json');
    expect(objects.get(key)).toMatchObject({
      reason: expect.stringMatching(/within 1440 minutes/),
      unsent_outputs: ['test-flaky:b'],
      alert: { alert_id: 'old' },
      state: { outputs_sent: ['test-good:a'], last_errors: { 'test-flaky:b': expect.stringMatching(/is down/) } },
    });
    expect(p.lines).toContainEqual(expect.objectContaining({ level: 'ERROR', message: 'alert dead-lettered', alert_id: 'old' }));
    expect(p.lines).toContainEqual(expect.objectContaining({ message: 'alert merger run', dead_lettered: 1 }));
    expect(await allAlerts(p.store)).toEqual([]);
  });

  it('dead-letters an alert after its maximum attempts', async () => {
    const p = await pipeline('d_attempts');
    failures.set('test-flaky:b', 1000);
    await p.store.putAlerts([makeAlert({ alert_id: 'tries', created: created(0), outputs: ['test-flaky:b'] })]);
    let minute = 0;
    let dead = 0;
    // A run every 30 minutes (the longest backoff): every run finds the alert due; 12 dispatches fit in a day.
    while (dead === 0 && minute < 1000) {
      dead = (await p.runAt(minute)).dead_lettered;
      minute += 30;
    }
    expect(calls).toHaveLength(12);
    expect(dead).toBe(1);
    expect([...objects.values()][0]).toMatchObject({ reason: expect.stringMatching(/after 12 dispatches/) });
  });

  it('dead-letters an output that fails for good at once, keeping the outputs that succeeded', async () => {
    const p = await pipeline('d_permanent');
    await p.store.putAlerts([makeAlert({ alert_id: 'perm', created: created(0), outputs: ['test-good:a', 'test-good:unconfigured'] })]);
    await p.runAt(0);
    const counts = await p.runAt(1);
    expect(counts.dead_lettered).toBe(1);
    expect([...objects.values()][0]).toMatchObject({ unsent_outputs: ['test-good:unconfigured'], state: { outputs_sent: ['test-good:a'], outputs_failed: ['test-good:unconfigured'] } });
  });

  it('dispatches only the key, and the processor reads the alert (its large record from S3) from the table', async () => {
    const p = await pipeline('d_key');
    const big = makeAlert({ alert_id: 'big', created: created(0), outputs: ['test-good:a'], record: { blob: 'x'.repeat(300_000) } });
    await p.store.putAlerts([big]);
    expect(await p.runAt(0)).toMatchObject({ dispatched: 1 });
    expect(p.payloads).toEqual([{ key: { rule_name: 'test_rule', alert_id: 'big' }, attempt: 1 }]);
    expect((calls[0].publication.record as { blob: string }).blob).toHaveLength(300_000);
    expect(await allAlerts(p.store)).toEqual([]);
  });

  it('merges alerts once their window closed, sends the merged alert and removes the originals', async () => {
    const p = await pipeline('d_merge');
    const waiting = (id: string, minute: number, user: string): Alert =>
      makeAlert({ alert_id: id, created: created(minute), outputs: ['test-good:a'], merge_by_keys: ['user'], merge_window_mins: 5, record: { user, n: minute } });
    await p.store.putAlerts([waiting('m1', 0, 'alice'), waiting('m2', 2, 'alice'), waiting('m3', 4, 'alice'), waiting('m4', 1, 'bob')]);
    expect(await p.runAt(3)).toMatchObject({ dispatched: 0, merged_groups: 0, alerts_read: 0 });
    expect(calls).toHaveLength(0);
    const counts = await p.runAt(6);
    expect(counts).toMatchObject({ merged_groups: 2, merged_alerts: 4, dispatched: 2 });
    const records = calls.map((c) => c.publication.record as Record<string, unknown>).sort((a, b) => Number(b.AlertCount) - Number(a.AlertCount));
    expect(records.map((r) => [r.AlertCount, r.MergedBy])).toEqual([
      [3, { user: 'alice' }],
      [1, { user: 'bob' }],
    ]);
    expect(await allAlerts(p.store)).toEqual([]);
  });

  it('sends again to an output whose success could not be recorded (the crash window): at least once, never lost', async () => {
    const p = await pipeline('d_crash');
    const realMarkSent = p.store.markSent;
    let broken = true;
    // The processor "crashes" between sending to test-good:a and recording it: the update never lands.
    (p.store as { markSent: typeof realMarkSent }).markSent = async (key, output) => {
      if (broken && output === 'test-good:a') {
        broken = false;
        throw new Error('Lambda timed out');
      }
      return realMarkSent(key, output);
    };
    await p.store.putAlerts([makeAlert({ alert_id: 'c1', created: created(0), outputs: ['test-good:a', 'test-flaky:b'] })]);
    await p.runAt(0);
    expect((await allAlerts(p.store))[0].state.outputs_sent).toEqual(['test-flaky:b']);
    await p.runAt(1);
    expect(calls.filter((c) => c.service === 'test-good')).toHaveLength(2);
    expect(calls.filter((c) => c.service === 'test-flaky')).toHaveLength(1);
    expect(await allAlerts(p.store)).toEqual([]);
  });

  it('does not dispatch a merged alert twice when a run after a crash finds it already stored', async () => {
    const p = await pipeline('d_merge_retry');
    const waiting = (id: string, minute: number): Alert =>
      makeAlert({ alert_id: id, created: created(minute), outputs: ['test-good:a'], merge_by_keys: ['user'], merge_window_mins: 5, record: { user: 'alice', n: minute } });
    const group = [waiting('r1', 0), waiting('r2', 1)];
    await p.store.putAlerts(group);
    // The previous run stored the merged alert, then died before removing the originals and dispatching it.
    await p.store.putIfAbsent(mergeAlerts(group));
    // This run sends the stored merged alert once (it is due) and only tombstones the re-formed group.
    expect(await p.runAt(6)).toMatchObject({ merged_groups: 1, dispatched: 1, tombstoned: 2 });
    expect(calls.map((c) => (c.publication.record as { AlertCount: number }).AlertCount)).toEqual([2]);
    expect(await p.runAt(7)).toMatchObject({ dispatched: 0 });
    expect(calls).toHaveLength(1);
    expect(await allAlerts(p.store)).toEqual([]);
  });

  it('dispatches at most max_alerts_per_run alerts in one run and leaves the rest due for the next', async () => {
    const p = await pipeline('d_budget');
    const limited = createAlertMerger({
      config: { global: { ...config.global, alerts: { ...config.global.alerts, merger: { ...config.global.alerts.merger, max_alerts_per_run: 30 } } } },
      store: p.store,
      logger: createLogger({ write: () => undefined }),
      now: () => new Date(T0),
      invoke: async () => undefined,
    });
    await p.store.putAlerts(Array.from({ length: 70 }, (_, i) => makeAlert({ alert_id: `b${i}`, created: created(0), outputs: ['test-good:a'] })));
    const counts = await limited();
    expect(counts).toMatchObject({ alerts_read: 70, dispatched: 30, deferred: 40, limited: true });
  });
});
