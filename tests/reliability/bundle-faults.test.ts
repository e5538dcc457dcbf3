/**
 * Reliability of the rule processor as deployed: the zip `lambda package` writes is unpacked and its own
 * index.js runs every class of input, with faults injected at each AWS call it makes (S3 GetObject 503 and
 * a reset mid-object, Firehose refusals, a failing dead-letter PutObject), against a loopback AWS.
 * Each case checks one invariant: every input record is classified, unclassified and kept, or reported for
 * retry; the counts add up; and nothing throws out of the handler except where a retry is intended.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { loadConfig, type Config } from '../../runtime/config';
import { silentLogger } from '../../runtime/logger';
import { useLoopbackAws } from '../_helpers/aws-env';
import { DEFAULT_CONF_DIR, REPO_ROOT } from '../_helpers/paths';
import { makeTempDir } from '../_helpers/temp-dir';
import { binaryGarbage, gzipBomb, INVALID_UTF8, kinesisEvent, s3Notification, sqsEvent } from '../unit/runtime/classifier/payloads/_events';
import { cloudtrailEvent, osquery } from '../unit/runtime/handlers/_records';
import { startReliabilityAws, type ReliabilityAws } from './_fake-aws';
import { loadPackagedRuleProcessor, type PackagedHandler } from './_packaged';

const base = loadConfig(DEFAULT_CONF_DIR);
const prodCluster = base.clusters.prod;
// prod also reads a queue of S3 notifications, so that SQS partial batch responses run in the bundle too.
const config: Config = { ...base, clusters: { ...base.clusters, prod: { ...prodCluster, data_sources: { ...prodCluster.data_sources, sqs: { acme_prod_queue: ['cloudtrail'] } } } } };
const STREAM = 'acme_prod_streamalert';
const BUCKET = 'acme.prod.cloudtrail';
const DATA_BUCKET = 'acme-streamalert-data';

let aws: ReliabilityAws;
let handle: PackagedHandler;
let createHandler: (overrides: Record<string, unknown>) => PackagedHandler;
let restoreEnv: () => void;

beforeAll(async () => {
  const rulesDir = makeTempDir();
  const runtimeRules = join(REPO_ROOT, 'runtime', 'rules').replace(/\\/g, '/');
  writeFileSync(
    join(rulesDir, 'alerting.ts'),
    `import { rule } from '${runtimeRules}';\n` +
      `rule<'cloudtrail:events'>({ logs: ['cloudtrail:events'] })(function trail_deleted(rec) {\n  return rec.eventName === 'DeleteTrail';\n});\n` +
      `rule<'osquery:differential'>({ logs: ['osquery:differential'] })(function osquery_alert(rec) {\n  return rec.hostIdentifier === 'alert-me';\n});\n`,
  );
  aws = await startReliabilityAws();
  restoreEnv = useLoopbackAws(aws.url, { DEAD_LETTER_BUCKET: DATA_BUCKET, AWS_LAMBDA_FUNCTION_NAME: 'acme_prod_streamalert_rules' });
  const { entry } = await loadPackagedRuleProcessor(config, 'prod', rulesDir);
  createHandler = (overrides) => entry.createHandler(overrides);
  // A short Firehose retry budget (the default is 8 s) and a small document cap, to stream CloudTrail here.
  handle = entry.createHandler({ logger: silentLogger, firehoseRetry: { budgetMs: 300 }, limits: { maxDocumentBytes: 4096 } });
}, 120_000);

afterAll(async () => {
  restoreEnv();
  await aws.close();
});

beforeEach(() => aws.reset());

type Counts = Record<string, number>;

/** The invariant every case checks, for an event of `inputs` event records. */
function expectAccounted(counts: Counts, inputs?: number): void {
  // Each raw record has exactly one outcome.
  expect(counts.records).toBe(counts.records_classified + counts.records_unclassified + counts.failed_records);
  // Everything not delivered is in a dead letter: unclassified, failed reads and records, Firehose refusals.
  const kept = counts.unclassified + counts.failed_reads + counts.failed_records + (counts.firehose_failed ?? 0) + (counts.firehose_too_large ?? 0);
  expect(counts.dead_lettered).toBe(kept);
  expect(aws.deadLetters.flatMap((o) => o.entries)).toHaveLength(kept);
  // For in-memory payloads each event record gives one raw record or one read issue.
  if (inputs !== undefined) expect(counts.records + counts.failed_reads + counts.skipped + counts.retried_reads).toBe(inputs);
}

const deep = (n: number, leaf: string) => `${'{"d":'.repeat(n)}${leaf}${'}'.repeat(n)}`;

describe('the packaged rule processor under hostile input and failing AWS calls', () => {
  it('accounts for every class of Kinesis input in one batch without throwing', async () => {
    const inputs: (string | Buffer)[] = [
      JSON.stringify(osquery('plain')),
      JSON.stringify(osquery('alert-me')),
      gzipSync(JSON.stringify(osquery('gzip'))),
      gzipBomb(16 * 1024 * 1024),
      gzipSync(JSON.stringify(osquery('cut'))).subarray(0, 15),
      INVALID_UTF8,
      binaryGarbage(300),
      '',
      'plain text that no schema reads',
      JSON.stringify(osquery('deep')).replace('"columns":{"username":"eve"}', `"columns":${deep(20_000, '1')}`),
      deep(20_000, '"unmatched"'),
      JSON.stringify(osquery('big')).replace('"unixTime":1704067200', '"unixTime":123456789012345678901234567890'),
      '{"__proto__":{"polluted":true},"constructor":{"prototype":1},"toString":"x"}',
      gzipSync(JSON.stringify({ messageType: 'CONTROL_MESSAGE', owner: 'CloudwatchLogs', logGroup: '', logStream: '', subscriptionFilters: [], logEvents: [{ id: '', timestamp: 1, message: 'ok' }] })),
    ];
    const event = kinesisEvent(STREAM, ...inputs) as { Records: { kinesis: { data: string } }[] };
    event.Records.push({ ...event.Records[0], kinesis: { ...event.Records[0].kinesis, data: 'not base64 at all!' } });
    const result = await handle(event, { awsRequestId: 'kinesis-1' });
    const counts = result.counts as Counts;
    expectAccounted(counts, event.Records.length);
    expect(counts).toEqual(expect.objectContaining({ records_classified: 5, alerts: 1, failed_records: 0, firehose_failed: 0 }));
    expect(aws.delivered.some((line) => line.includes('123456789012345678901234567890'))).toBe(true);
    expect(result.batchItemFailures).toEqual([]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('accounts for records of a stream named like a prototype key (constructor) as unclassified, kept', async () => {
    const result = await handle(kinesisEvent('constructor', JSON.stringify(osquery())));
    expectAccounted(result.counts as Counts, 1);
    expect(result.counts.records_unclassified).toBe(1);
  });

  it('streams a large CloudTrail object element by element, alerting on its records, with the rest of the S3 event', async () => {
    const names = Array.from({ length: 300 }, (_, i) => (i % 100 === 7 ? 'DeleteTrail' : `Describe${i}`));
    aws.objects.set(`${BUCKET}/big.json.gz`, gzipSync(JSON.stringify({ Records: names.map(cloudtrailEvent) })));
    aws.objects.set(`${BUCKET}/pretty.json`, Buffer.from(JSON.stringify({ Records: [cloudtrailEvent('DeleteTrail')] }, null, 2)));
    const result = await handle(s3Notification(BUCKET, 'big.json.gz', 'pretty.json', 'gone.json'));
    const counts = result.counts as Counts;
    expectAccounted(counts);
    expect(counts).toEqual(expect.objectContaining({ records: 301, records_classified: 301, alerts: 4, failed_reads: 1 }));
    expect(aws.deadLetters[0].entries).toEqual([expect.objectContaining({ kind: 'failed_read', reason: expect.stringContaining('NoSuchKey') })]);
  });

  it('fails the invocation on an S3 503 (after the SDK retries), so that Lambda retries it; nothing is dead-lettered for it', async () => {
    aws.objects.set(`${BUCKET}/ok.json`, Buffer.from(JSON.stringify({ Records: [cloudtrailEvent('CreateUser')] })));
    aws.objects.set(`${BUCKET}/slow.json`, Buffer.from('{}'));
    aws.faults.set(`${BUCKET}/slow.json`, 'slowdown');
    await expect(handle(s3Notification(BUCKET, 'ok.json', 'slow.json'))).rejects.toThrow(/SlowDown|reduce your request rate/);
    expect(aws.gets.get(`${BUCKET}/slow.json`)).toBeGreaterThan(1);
    expect(aws.deadLetters.flatMap((o) => o.entries)).toEqual([]);
  });

  it('fails the invocation when the connection resets mid-object, so that the whole object is read again', async () => {
    const lines = Array.from({ length: 2000 }, (_, i) => JSON.stringify({ Records: [cloudtrailEvent(`Call${i}`)] })).join('\n');
    aws.objects.set(`${BUCKET}/reset.json`, Buffer.from(lines));
    aws.faults.set(`${BUCKET}/reset.json`, 'reset');
    await expect(handle(s3Notification(BUCKET, 'reset.json'))).rejects.toThrow(/retries it/);
    expect(aws.deadLetters.flatMap((o) => o.entries).filter((e) => e.kind === 'failed_read')).toEqual([]);
  });

  it('names exactly the SQS message whose object got a 503 in batchItemFailures, and returns', async () => {
    aws.objects.set(`${BUCKET}/ok.json`, Buffer.from(JSON.stringify({ Records: [cloudtrailEvent('DeleteTrail')] })));
    aws.faults.set(`${BUCKET}/slow.json`, 'slowdown');
    const event = sqsEvent('acme_prod_queue', JSON.stringify(s3Notification(BUCKET, 'ok.json')), JSON.stringify(s3Notification(BUCKET, 'slow.json')), 'not a notification');
    const result = await handle(event);
    expect(result.batchItemFailures).toEqual([{ itemIdentifier: 'sqs-1' }]);
    const counts = result.counts as Counts;
    expectAccounted(counts);
    expect(counts).toEqual(expect.objectContaining({ records: 2, alerts: 1, retried_reads: 1, records_unclassified: 1 }));
  });

  it('dead-letters the records Firehose still refuses once its retry budget is spent, and returns', async () => {
    aws.refuseFirehose = true;
    const result = await handle(kinesisEvent(STREAM, JSON.stringify(osquery('a')), JSON.stringify(osquery('b'))));
    const counts = result.counts as Counts;
    expectAccounted(counts, 2);
    expect(counts.firehose_failed).toBe(2);
    expect(aws.deadLetters.flatMap((o) => o.entries)).toEqual([
      expect.objectContaining({ kind: 'firehose_failed', code: 'ServiceUnavailableException', data: expect.stringContaining('"hostIdentifier":"a"') }),
      expect.objectContaining({ kind: 'firehose_failed', data: expect.stringContaining('"hostIdentifier":"b"') }),
    ]);
  });

  it('fails the invocation when the alerts table is unavailable (the alerts are written before success), and only then', async () => {
    process.env.ALERTS_TABLE = 'acme_streamalert_alerts';
    try {
      const withTable = createHandler({ logger: silentLogger, firehoseRetry: { budgetMs: 300 } });
      const quiet = await withTable(kinesisEvent(STREAM, JSON.stringify(osquery('no-alert'))));
      expectAccounted(quiet.counts as Counts, 1);
      expect(aws.dynamoCalls).toEqual([]);
      await expect(withTable(kinesisEvent(STREAM, JSON.stringify(osquery('alert-me'))))).rejects.toThrow(/unavailable/i);
      expect(aws.dynamoCalls.length).toBeGreaterThan(0);
    } finally {
      delete process.env.ALERTS_TABLE;
    }
  });

  it('fails the invocation when the dead letter cannot be written, instead of keeping a 4 KiB log line', async () => {
    aws.failPutObject = true;
    await expect(handle(kinesisEvent(STREAM, 'no schema reads this'))).rejects.toThrow(/dead letter .* not written: AccessDenied/);
  });
});
