/**
 * Soak test of alert delivery in simulated time (issue 18): 5 rules x 2,000 alerts with merge windows of 1 to
 * 120 minutes, one output down for the first hour, two overlapping merger runs, a poison record, a record that
 * fails transiently, a retried rule-processor batch and processor replays (late, and two at once). Real
 * dynalite and real loopback webhook servers; the clock is simulated, so it runs in seconds.
 */
import { UpdateItemCommand, ScanCommand, type ScanCommandOutput } from '@aws-sdk/client-dynamodb';
import { createTableAlertSink } from '../../runtime/alerts';
import type { Alert } from '../../runtime/rules';
import { makeAlert } from '../_helpers/alerts';
import { at, deliveredIds, startPipeline, type Pipeline } from '../_helpers/alert-pipeline';
import { startDynalite, type Dynalite } from '../_helpers/dynalite';
import { startRecordingServer, type RecordedRequest, type RecordingServer } from '../_helpers/recording-server';

const RULES: readonly [string, number][] = [
  ['soak_w1', 1],
  ['soak_w15', 15],
  ['soak_w30', 30],
  ['soak_w60', 60],
  ['soak_w120', 120],
];
const PER_RULE = 2000;
/** Alerts are created 3 s apart: 2,000 per rule over the first 100 minutes. */
const SPACING_MINUTES = 0.05;
const POISON = 'soak_w30-0777';
const FLAKY_RECORD = 'soak_w60-0005';

let db: Dynalite;
let good: RecordingServer;
let down: RecordingServer;
const accepted: Record<string, RecordedRequest[]> = { good: [], down: [] };

beforeAll(async () => {
  [db, good, down] = await Promise.all([startDynalite(), startRecordingServer(), startRecordingServer()]);
});
afterAll(async () => {
  await Promise.all([db?.stop(), good?.close(), down?.close()]);
});

function alertsOf(rule: string, window: number): Alert[] {
  return Array.from({ length: PER_RULE }, (_, i) =>
    makeAlert({
      rule_name: rule,
      alert_id: `${rule}-${String(i).padStart(4, '0')}`,
      created: at(i * SPACING_MINUTES),
      record: { user: `u${i % 4}`, n: i },
      outputs: ['webhook:good', 'webhook:down'],
      merge_by_keys: ['user'],
      merge_window_mins: window,
    }),
  );
}

describe('alert delivery soak (simulated time)', () => {
  it('delivers every alert exactly once to each working output, dead-letters only the poison record, and leaves only tombstones', async () => {
    const started = Date.now();
    const records = new Map<string, unknown>();
    let flakyReads = 0;
    const pipeline = await startPipeline({
      db,
      table: 'soak',
      webhooks: { good, down },
      // Retries 5, 10, 20, 40 ... minutes apart (backoff_base_seconds 300).
      merger: { backoff_base_seconds: 300 },
      objects: {
        put: async (k, v) => void records.set(k, JSON.parse(JSON.stringify(v))),
        get: async (k) => {
          if (k === 'alerts/records/gone.json') throw Object.assign(new Error('The specified key does not exist.'), { name: 'NoSuchKey' });
          if (k === 'alerts/records/flaky.json' && flakyReads++ < 3) throw Object.assign(new Error('Please reduce your request rate.'), { name: 'SlowDown', $metadata: { httpStatusCode: 503 } });
          return records.get(k);
        },
      },
    });
    const p: Pipeline = pipeline;
    good.setFallback((r) => (accepted.good.push(r), { status: 200 }));
    // Down for the first hour: 503 with a Retry-After past the output timeout, so each attempt fails at once.
    down.setFallback((r) => {
      if (pipeline.clock.now < Date.parse(at(60))) return { status: 503, headers: { 'Retry-After': '3600' }, body: 'maintenance' };
      accepted.down.push(r);
      return { status: 200 };
    });

    const all = RULES.flatMap(([rule, window]) => alertsOf(rule, window));
    const sink = createTableAlertSink(p.store);
    const createdIn = (from: number, to: number) => all.filter((a) => Date.parse(a.created) > Date.parse(at(from)) && Date.parse(a.created) <= Date.parse(at(to)));
    const write = async (batch: readonly Alert[]) => {
      for (const a of batch) sink.add(a);
      await sink.flush();
    };
    // Points at an S3 record: gone for good (poison), or failing 3 reads before it works.
    const pointAt = async (id: string, key: string) => {
      const [rule] = id.split('-');
      await db.client.send(
        new UpdateItemCommand({ TableName: 'soak', Key: { RuleName: { S: rule }, AlertID: { S: id } }, UpdateExpression: 'REMOVE #r SET RecordKey = :k', ExpressionAttributeNames: { '#r': 'Record' }, ExpressionAttributeValues: { ':k': { S: key } } }),
      );
    };

    const mergerA = p.merger();
    const mergerB = p.merger();
    const replayed: unknown[] = [];
    let overlapped = 0;
    await write(all.filter((a) => a.created === at(0)));
    for (let minute = 0; minute <= 400; minute++) {
      p.setMinute(minute);
      if (minute > 0) await write(createdIn(minute - 1, minute));
      if (minute === 40) {
        await pointAt(POISON, 'alerts/records/gone.json');
        records.set('alerts/records/flaky.json', all.find((a) => a.alert_id === FLAKY_RECORD)?.record);
        await pointAt(FLAKY_RECORD, 'alerts/records/flaky.json');
        // Lambda hands the rule processor minutes 5 to 10 again: delivered, merged or pending, none is stored anew.
        await write(createdIn(5, 10));
      }
      if (minute % 45 === 0 && minute > 0) {
        // Two runs at once (a slow run and the next schedule): their claims and merge locks keep them apart.
        const [a, b] = await Promise.all([mergerA(), mergerB()]);
        overlapped += a.claimed_elsewhere + b.claimed_elsewhere;
      } else {
        await mergerA();
      }
      // Late and repeated processor invocations: every 7th dispatch again, and one twice at the same time.
      const late = p.payloads.filter((_, i) => i % 7 === 0 && !replayed.includes(p.payloads[i]));
      for (const payload of late) {
        replayed.push(payload);
        await p.processor(payload);
      }
      if (minute === 70 && p.payloads.length > 0) await Promise.all([p.processor(p.payloads[p.payloads.length - 1]), p.processor(p.payloads[p.payloads.length - 1])]);
      if (minute > 100 && (await p.store.dueKeys(new Date('2100-01-01T00:00:00Z'), { limit: 1 })).keys.length === 0) break;
    }

    const expected = all.map((a) => a.alert_id).filter((id) => id !== POISON).sort();
    const counts = (requests: RecordedRequest[]) => {
      const seen = new Map<string, number>();
      for (const id of deliveredIds(requests)) seen.set(id, (seen.get(id) ?? 0) + 1);
      return seen;
    };
    for (const name of ['good', 'down'] as const) {
      const seen = counts(accepted[name]);
      expect([name, [...seen.keys()].sort()]).toEqual([name, expected]);
      expect([name, [...seen.values()].filter((n) => n !== 1)]).toEqual([name, []]);
    }
    // Only the poison record was dead-lettered, with its reason; nothing else gave up.
    const deadLetters = [...records.entries()].filter(([k]) => k.startsWith('alerts/dead-letter/'));
    expect(deadLetters.map(([, v]) => [(v as { alert: Alert }).alert.alert_id, (v as { reason: string }).reason])).toEqual([[POISON, expect.stringMatching(/NoSuchKey|does not exist/)]]);
    // The table holds tombstones only: no alert, no due entry, no merge lock.
    const items = [];
    let start;
    do {
      const page: ScanCommandOutput = await db.client.send(new ScanCommand({ TableName: 'soak', ...(start === undefined ? {} : { ExclusiveStartKey: start }) }));
      items.push(...(page.Items ?? []));
      start = page.LastEvaluatedKey;
    } while (start !== undefined);
    expect(items.filter((i) => i.Tombstone === undefined).map((i) => i.AlertID.S)).toEqual([]);
    const outcomes = new Map<string, number>();
    for (const i of items) outcomes.set(i.Tombstone.S ?? '', (outcomes.get(i.Tombstone.S ?? '') ?? 0) + 1);
    expect(outcomes.get('merged')).toBe(PER_RULE * RULES.length - 1);
    expect(outcomes.get('dead-lettered')).toBe(1);

    const summaries = p.lines.filter((l) => l.message === 'alert merger run');
    const total = (field: string) => summaries.reduce((n, l) => n + Number(l[field] ?? 0), 0);
    // The failures really happened: the outage, the transient record, the overlap, the replays.
    expect(down.requests.length).toBeGreaterThan(accepted.down.length);
    expect(total('record_read_retries')).toBeGreaterThan(0);
    expect(replayed.length).toBeGreaterThan(0);
    expect(p.lines.filter((l) => l.message === 'alert already delivered (tombstone or no item): nothing sent').length).toBeGreaterThan(0);
    const figures = {
      wall_seconds: (Date.now() - started) / 1000,
      merger_runs: summaries.length,
      dispatched: total('dispatched'),
      merged_groups: total('merged_groups'),
      claimed_elsewhere_in_overlaps: overlapped,
      replays: replayed.length + 2,
      good_requests: good.requests.length,
      down_requests: down.requests.length,
      down_accepted: accepted.down.length,
      tombstones: items.length,
    };
    process.stderr.write(`alert soak: ${JSON.stringify(figures)}\n`);
  }, 600_000);
});
