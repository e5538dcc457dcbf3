import { createAlertStore, INLINE_ITEM_BYTES, type AlertObjects, type AlertStore } from '../../../../runtime/alerts';
import { makeAlert } from '../../../_helpers/alerts';
import { startDynalite, type Dynalite } from '../../../_helpers/dynalite';

let db: Dynalite;
const objects = new Map<string, unknown>();
const memoryObjects: AlertObjects = {
  put: async (key, value) => void objects.set(key, JSON.parse(JSON.stringify(value))),
  get: async (key) => objects.get(key),
};

beforeAll(async () => {
  db = await startDynalite();
});
afterAll(() => db.stop());

async function freshStore(name: string): Promise<AlertStore> {
  await db.createAlertsTable(name);
  return createAlertStore({ table: name, ttlDays: 30, dynamo: db.handle, objects: memoryObjects, now: () => new Date('2026-01-01T00:00:00Z') });
}

describe('alert store on dynalite', () => {
  it('writes alerts and reads them back whole, with an empty delivery state and a TTL', async () => {
    const store = await freshStore('t_roundtrip');
    const alert = makeAlert({ alert_id: 'a1', publishers: { slack: ['p.one'] }, context: { k: [1, 2] } });
    const result = await store.putAlerts([alert, makeAlert({ alert_id: 'a2' })]);
    expect(result).toMatchObject({ written: 2, existing: 0, oversized: 0 });
    const stored = await store.get({ rule_name: 'test_rule', alert_id: 'a1' });
    expect(stored?.alert).toEqual(alert);
    expect(stored?.state).toEqual({ outputs_sent: [], outputs_failed: [], attempts: 0, last_errors: {} });
    const raw = await db.client.send(new (await import('@aws-sdk/client-dynamodb')).GetItemCommand({ TableName: 't_roundtrip', Key: { RuleName: { S: 'test_rule' }, AlertID: { S: 'a1' } } }));
    expect(Number(raw.Item?.TTL?.N)).toBe(Date.parse('2026-01-31T00:00:00Z') / 1000);
  });

  it('writes more than 25 alerts in chunks and pages a rule past one Query page', async () => {
    const store = await freshStore('t_pages');
    const alerts = Array.from({ length: 60 }, (_, i) => makeAlert({ alert_id: `id-${String(i).padStart(3, '0')}` }));
    const result = await store.putAlerts([...alerts, makeAlert({ alert_id: 'other', rule_name: 'other_rule' })]);
    expect(result.written).toBe(61);
    const seen: string[] = [];
    let start;
    let pages = 0;
    do {
      const page = await store.query('test_rule', { limit: 25, start });
      seen.push(...page.alerts.map((a) => a.alert.alert_id));
      start = page.next;
      pages += 1;
    } while (start !== undefined);
    expect(pages).toBeGreaterThanOrEqual(3);
    expect(seen.sort()).toEqual(alerts.map((a) => a.alert_id).sort());
    const due = await store.dueKeys(new Date('2026-01-01T00:00:00Z'), { limit: 100 });
    expect(due.keys).toHaveLength(61);
    expect(new Set(due.keys.map((k) => k.rule_name))).toEqual(new Set(['other_rule', 'test_rule']));
  });

  it('lists only due alerts in the due index, oldest due first; an alert waiting for its merge window is due when it closes', async () => {
    const store = await freshStore('t_due');
    await store.putAlerts([
      makeAlert({ alert_id: 'later', created: '2026-01-01T00:10:00.000Z' }),
      makeAlert({ alert_id: 'first', created: '2026-01-01T00:01:00.000Z' }),
      makeAlert({ alert_id: 'merging', created: '2026-01-01T00:00:00.000Z', merge_by_keys: ['user'], merge_window_mins: 30 }),
    ]);
    const at = async (iso: string) => (await store.dueKeys(new Date(iso), { limit: 10 })).keys.map((k) => k.alert_id);
    expect(await at('2026-01-01T00:05:00Z')).toEqual(['first']);
    expect(await at('2026-01-01T00:20:00Z')).toEqual(['first', 'later']);
    expect(await at('2026-01-01T00:30:00Z')).toEqual(['first', 'later', 'merging']);
  });

  it('leaves an alert that is already stored as it is, so a retried batch keeps its delivery state', async () => {
    const store = await freshStore('t_retry');
    const alert = makeAlert({ alert_id: 'r1' });
    await store.putAlerts([alert]);
    expect(await store.markSent(alert, 'aws-s3:bucket')).toBe('recorded');
    const again = await store.putAlerts([alert, alert]);
    expect(again).toMatchObject({ written: 0, existing: 1 });
    expect((await store.get(alert))?.state.outputs_sent).toEqual(['aws-s3:bucket']);
  });

  it('records a success once: a second record of the same output is refused by the condition', async () => {
    const store = await freshStore('t_sent');
    const alert = makeAlert({ alert_id: 's1' });
    await store.putAlerts([alert]);
    await store.recordFailure(alert, 'aws-sns:topic', 'throttled', false);
    await store.recordFailure(alert, 'aws-s3:bucket', 'timeout', false);
    expect(await store.markSent(alert, 'aws-s3:bucket')).toBe('recorded');
    expect(await store.markSent(alert, 'aws-s3:bucket')).toBe('already-recorded');
    const state = (await store.get(alert))?.state;
    expect(state?.outputs_sent).toEqual(['aws-s3:bucket']);
    expect(state?.last_errors).toEqual({ 'aws-sns:topic': 'throttled' });
    await store.recordFailure(alert, 'aws-sns:topic', 'no such topic', true);
    expect((await store.get(alert))?.state).toMatchObject({ outputs_failed: ['aws-sns:topic'], last_errors: { 'aws-sns:topic': 'no such topic' } });
  });

  it('claims a dispatch once per due time: a second claim of the same due time (an overlapping run) is refused', async () => {
    const store = await freshStore('t_dispatch');
    const alert = makeAlert({ alert_id: 'd1' });
    await store.putAlerts([alert]);
    const due0 = Date.parse(alert.created);
    const t1 = Date.parse('2026-01-01T00:01:00Z');
    expect(await store.claimDispatch(alert, due0, new Date(t1), t1 + 60_000)).toBe(true);
    expect(await store.claimDispatch(alert, due0, new Date(t1), t1 + 60_000)).toBe(false);
    expect(await store.claimDispatch(alert, t1 + 60_000, new Date('2026-01-01T00:03:00Z'), t1 + 300_000)).toBe(true);
    expect(await store.get(alert)).toMatchObject({
      due_at: t1 + 300_000,
      state: { attempts: 2, first_dispatch: '2026-01-01T00:01:00.000Z', last_dispatch: '2026-01-01T00:03:00.000Z' },
    });
  });

  it('lets one processor invocation hold an alert at a time, until its claim expires', async () => {
    const store = await freshStore('t_processing');
    const alert = makeAlert({ alert_id: 'p1' });
    await store.putAlerts([alert]);
    const t = Date.parse('2026-01-01T00:01:00Z');
    const first = await store.claimProcessing(alert, new Date(t), t + 65_000);
    expect(first.status).toBe('claimed');
    // The claim hands back the item it updated (a consistent read): the processor needs no second read.
    if (first.status === 'claimed') expect((await store.decode(first.item)).alert).toEqual(alert);
    expect((await store.claimProcessing(alert, new Date(t + 1000), t + 66_000)).status).toBe('busy');
    expect((await store.claimProcessing(alert, new Date(t + 65_000), t + 130_000)).status).toBe('claimed');
    expect((await store.claimProcessing({ rule_name: 'test_rule', alert_id: 'nope' }, new Date(t), t + 1)).status).toBe('gone');
  });

  it('turns finished alerts into tombstones that nothing updates, dispatches or writes over', async () => {
    const store = await freshStore('t_tombstone');
    const a = makeAlert({ alert_id: 'x1' });
    const b = makeAlert({ alert_id: 'x2' });
    const c = makeAlert({ alert_id: 'x3' });
    await store.putAlerts([a, b, c]);
    const at = new Date('2026-01-01T00:05:00Z');
    expect(await store.tombstone(a, 'delivered', at)).toBe(true);
    expect(await store.tombstone(a, 'delivered', at)).toBe(false);
    await store.tombstoneMany([b, c], 'merged', at);
    expect(await store.get(a)).toBeUndefined();
    expect(await store.markSent(a, 'aws-s3:bucket')).toBe('gone');
    expect(await store.claimDispatch(b, Date.parse(b.created), at, at.getTime() + 60_000)).toBe(false);
    expect((await store.claimProcessing(c, at, at.getTime() + 60_000)).status).toBe('gone');
    await store.recordFailure(c, 'aws-s3:bucket', 'late', false);
    expect(await store.putAlerts([a, b, c])).toMatchObject({ written: 0, existing: 3 });
    expect(await store.putIfAbsent(a)).toBe(false);
    expect((await store.query('test_rule', { limit: 10 })).alerts).toHaveLength(0);
    expect((await store.dueKeys(new Date('2027-01-01T00:00:00Z'), { limit: 10 })).keys).toEqual([]);
    const { GetItemCommand } = await import('@aws-sdk/client-dynamodb');
    const raw = await db.client.send(new GetItemCommand({ TableName: 't_tombstone', Key: { RuleName: { S: 'test_rule' }, AlertID: { S: 'x1' } } }));
    // The tombstone keeps only the key, the outcome and a TTL past the longest retry window (15 days by default).
    expect(Object.keys(raw.Item ?? {}).sort()).toEqual(['AlertID', 'RuleName', 'TTL', 'Tombstone', 'TombstoneAt']);
    expect(Number(raw.Item?.TTL?.N)).toBe(at.getTime() / 1000 + 15 * 86_400);
  });

  it('writes a merged alert once: a second putIfAbsent finds it', async () => {
    const store = await freshStore('t_absent');
    const alert = makeAlert({ alert_id: 'm1' });
    expect(await store.putIfAbsent(alert)).toBe(true);
    expect(await store.putIfAbsent(alert)).toBe(false);
  });

  it('keeps the record of an alert over the item limit in S3 and reads it back whole', async () => {
    const store = await freshStore('t_large');
    const big = makeAlert({ alert_id: 'big', record: { blob: 'x'.repeat(INLINE_ITEM_BYTES + 10), n: 1 } });
    expect((await store.putAlerts([big])).oversized).toBe(1);
    expect(objects.get('alerts/records/test_rule/big.json')).toEqual(big.record);
    expect((await store.get(big))?.alert).toEqual(big);
    expect((await store.get(big))?.record_key).toBe('alerts/records/test_rule/big.json');
  });

  it('reports an item that is not a valid alert instead of failing the page', async () => {
    const store = await freshStore('t_invalid');
    await store.putAlerts([makeAlert({ alert_id: 'ok' })]);
    const { PutItemCommand } = await import('@aws-sdk/client-dynamodb');
    await db.client.send(new PutItemCommand({ TableName: 't_invalid', Item: { RuleName: { S: 'test_rule' }, AlertID: { S: 'bad' }, Alert: { S: '{not json' }, DueShard: { S: 'due' }, DueAt: { N: '0' } } }));
    const page = await store.query('test_rule', { limit: 10 });
    expect(page.alerts.map((a) => a.alert.alert_id)).toEqual(['ok']);
    expect(page.invalid).toEqual([{ key: { rule_name: 'test_rule', alert_id: 'bad' }, error: expect.stringMatching(/Alert is not JSON/) }]);
  });
});
