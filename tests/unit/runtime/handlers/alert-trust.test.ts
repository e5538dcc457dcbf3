/**
 * Issue 18, points 1, 2, 3, 5 and 6, each against dynalite and loopback webhook servers (no mocked store):
 * fairness across rules, poison isolation, a processor that trusts only the table, overlapping merger runs,
 * and the overdue measure behind the alert-age alarm. Points 4 and 7: rule-processor-alerts and
 * validate-alert-settings tests; the whole path under load: tests/reliability/alert-soak.test.ts.
 */
import { UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import type { AlertObjects } from '../../../../runtime/alerts';
import type { Alert } from '../../../../runtime/rules';
import { makeAlert } from '../../../_helpers/alerts';
import { at, deliveredIds, startPipeline } from '../../../_helpers/alert-pipeline';
import { startDynalite, type Dynalite } from '../../../_helpers/dynalite';
import { startRecordingServer, type RecordingServer } from '../../../_helpers/recording-server';

let db: Dynalite;
let good: RecordingServer;
let down: RecordingServer;
beforeAll(async () => {
  [db, good, down] = await Promise.all([startDynalite(), startRecordingServer(), startRecordingServer()]);
});
afterAll(async () => {
  await Promise.all([db?.stop(), good?.close(), down?.close()]);
});
beforeEach(() => {
  good.reset();
  down.reset();
  down.setFallback(() => ({ status: 503, headers: { 'Retry-After': '3600' }, body: 'down' }));
});

const alert = (rule: string, id: string, overrides: Partial<Alert> = {}): Alert =>
  makeAlert({ rule_name: rule, alert_id: id, created: at(0), outputs: ['webhook:good'], record: { user: id }, ...overrides });
const posted = (): string[] => deliveredIds(good.requests).sort();

/** Points an alert at an S3 record (its inline record removed). */
async function pointAt(table: string, a: Alert, key: string): Promise<void> {
  await db.client.send(
    new UpdateItemCommand({ TableName: table, Key: { RuleName: { S: a.rule_name }, AlertID: { S: a.alert_id } }, UpdateExpression: 'REMOVE #r SET RecordKey = :k', ExpressionAttributeNames: { '#r': 'Record' }, ExpressionAttributeValues: { ':k': { S: key } } }),
  );
}

describe('point 1: every due alert of every rule is dispatched, whatever another rule holds', () => {
  it('dispatches a later rule alert in the same run as a noisy rule backlog three times the budget, its output down', async () => {
    const p = await startPipeline({ db, table: 'trust_noisy', webhooks: { good, down }, merger: { max_alerts_per_run: 20 } });
    const noisy = Array.from({ length: 60 }, (_, i) => alert('a_noisy', `n${i}`, { outputs: ['webhook:down'] }));
    await p.store.putAlerts([...noisy, alert('z_quiet', 'q1')]);
    p.setMinute(1);
    const counts = await p.merger()();
    expect(posted()).toEqual(['q1']);
    // The budget counts dispatches (20), shared by the rules; the rest of the backlog waits for the next run.
    expect(counts).toMatchObject({ rules: 2, alerts_read: 61, dispatched: 20, deferred: 41, dead_lettered: 0 });
  });

  it('reads nothing of a digest rule collecting 500 alerts for a day, and sends the other rule at once', async () => {
    const p = await startPipeline({ db, table: 'trust_digest', webhooks: { good, down } });
    const digest = Array.from({ length: 500 }, (_, i) => alert('a_digest', `d${i}`, { merge_by_keys: ['user'], merge_window_mins: 1440 }));
    await p.store.putAlerts([...digest, alert('z_rule', 'z1')]);
    p.setMinute(1);
    expect(await p.merger()()).toMatchObject({ alerts_read: 1, dispatched: 1 });
    expect(posted()).toEqual(['z1']);
  });

  it('dispatches an alert older than max_age_minutes that was never dispatched instead of dead-lettering it', async () => {
    const p = await startPipeline({ db, table: 'trust_old', webhooks: { good, down } });
    await p.store.putAlerts([alert('r', 'old')]);
    p.setMinute(3000);
    expect(await p.merger()()).toMatchObject({ dispatched: 1, dead_lettered: 0 });
    expect(posted()).toEqual(['old']);
  });
});

describe('point 2: one unreadable alert never stops the others', () => {
  it('dead-letters an alert whose record is gone with the reason, skips one failing transiently, and delivers the rest', async () => {
    const objects = new Map<string, unknown>();
    let slow = 1;
    const s3: AlertObjects = {
      put: async (k, v) => void objects.set(k, v),
      get: async (k) => {
        if (k === 'alerts/records/gone.json') throw Object.assign(new Error('Access Denied'), { name: 'AccessDenied' });
        if (k === 'alerts/records/slow.json' && slow-- > 0) throw Object.assign(new Error('Please reduce your request rate.'), { name: 'SlowDown', $metadata: { httpStatusCode: 503 } });
        return objects.get(k);
      },
    };
    const p = await startPipeline({ db, table: 'trust_poison', webhooks: { good, down }, objects: s3 });
    const [poison, slowOne, after] = [alert('a_rule', 'poison'), alert('a_rule', 'slow'), alert('b_rule', 'after')];
    await p.store.putAlerts([poison, slowOne, after]);
    await pointAt('trust_poison', poison, 'alerts/records/gone.json');
    objects.set('alerts/records/slow.json', slowOne.record);
    await pointAt('trust_poison', slowOne, 'alerts/records/slow.json');
    p.setMinute(1);
    expect(await p.merger()()).toMatchObject({ dispatched: 1, dead_lettered: 1, invalid_items: 1, record_read_retries: 1 });
    expect(posted()).toEqual(['after']);
    const [letter] = [...objects.entries()].filter(([k]) => k.startsWith('alerts/dead-letter/'));
    expect(letter[1]).toMatchObject({ reason: expect.stringMatching(/AccessDenied|Access Denied/), alert: { alert_id: 'poison' }, record_key: 'alerts/records/gone.json' });
    // The transient failure passed: the next run delivers that alert, and the poison is not read again.
    p.setMinute(2);
    expect(await p.merger()()).toMatchObject({ dispatched: 1, dead_lettered: 0, invalid_items: 0 });
    expect(posted()).toEqual(['after', 'slow']);
  });
});

describe('point 3: the processor trusts the table, not its event', () => {
  it('sends nothing for an alert already delivered, or not in the table, whatever its event holds', async () => {
    const p = await startPipeline({ db, table: 'trust_replay', webhooks: { good, down } });
    const a = alert('r', 'r1');
    await p.store.putAlerts([a]);
    p.setMinute(1);
    await p.merger()();
    expect(posted()).toEqual(['r1']);
    // A late async invocation of the same dispatch, and one in the shape of an older version (whole alert).
    expect(await p.processor(p.payloads[0])).toMatchObject({ status: 'gone', sent: [] });
    expect(await p.processor({ alert: a, state: { outputs_sent: [], attempts: 0 } })).toMatchObject({ status: 'gone', sent: [] });
    expect(await p.processor({ key: { rule_name: 'r', alert_id: 'never-stored' } })).toMatchObject({ status: 'gone', sent: [] });
    expect(posted()).toEqual(['r1']);
  });

  it('sends only the outputs the table does not record as sent, even when the event says none were', async () => {
    const p = await startPipeline({ db, table: 'trust_partial', webhooks: { good, down } });
    const a = alert('r', 'p1', { outputs: ['webhook:good', 'webhook:down'] });
    await p.store.putAlerts([a]);
    p.setMinute(1);
    await p.merger()();
    expect(posted()).toEqual(['p1']);
    down.setFallback(() => ({ status: 200 }));
    p.setMinute(3);
    expect(await p.processor({ alert: a, state: { outputs_sent: [], attempts: 0 } })).toMatchObject({ status: 'processed', sent: ['webhook:down'], finished: true });
    expect(posted()).toEqual(['p1']);
    expect(deliveredIds(down.requests.slice(-1))).toEqual(['p1']);
  });
});

describe('point 5: overlapping merger runs', () => {
  it('dispatch each of 10 alerts once between them: the second run finds every dispatch claimed', async () => {
    const p = await startPipeline({ db, table: 'trust_overlap', webhooks: { good, down } });
    await p.store.putAlerts(Array.from({ length: 10 }, (_, i) => alert('r', `o${i}`)));
    p.setMinute(1);
    const [a, b] = await Promise.all([p.merger()(), p.merger()()]);
    expect(a.dispatched + b.dispatched).toBe(10);
    expect(a.claimed_elsewhere + b.claimed_elsewhere).toBe(10);
    expect(posted()).toEqual(Array.from({ length: 10 }, (_, i) => `o${i}`).sort());
  });
});

describe('point 6: the alert-age alarm measures overdue alerts only', () => {
  it('reports 0 while an alert only waits for a 2-hour merge window, and the wait of alerts left due by a spent budget', async () => {
    const p = await startPipeline({ db, table: 'trust_overdue', webhooks: { good, down }, merger: { max_alerts_per_run: 1 } });
    await p.store.putAlerts([alert('digest', 'w1', { merge_by_keys: ['user'], merge_window_mins: 120 })]);
    p.setMinute(90);
    expect(await p.merger()()).toMatchObject({ oldest_overdue_seconds: 0, dispatched: 0 });
    await p.store.putAlerts([alert('r', 'x1', { created: at(80) }), alert('r', 'x2', { created: at(80) }), alert('r', 'x3', { created: at(80) })]);
    // Budget 1: two alerts due since minute 80 stay due after the run, overdue by 10 minutes.
    expect(await p.merger()()).toMatchObject({ dispatched: 1, deferred: 2, oldest_overdue_seconds: 600 });
  });
});
