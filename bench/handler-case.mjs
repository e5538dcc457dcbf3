// One case of the handler benchmark, in its own process (so its peak RSS is its own): loads the rule processor
// from the packaged zip's index.js, as Lambda does, and feeds it Kinesis batches and S3 object events built
// from one corpus family at one alert rate, interleaved with a JSON.parse of the same bytes.
// `node bench/handler-case.mjs <bundle dir> <family> <alert rate> <records> <rounds>`; prints one JSON line on fd 3.
// stdout is the function's log (CloudWatch Logs in Lambda): the parent sends it to /dev/null.
import { writeSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { generateFamily } from './corpus.mjs';
import { bucketOf, streamOf } from './setup.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const [bundleDir, family, rateText, countText, roundsText] = process.argv.slice(2);
const rate = Number(rateText);
const rounds = Number(roundsText);
const KINESIS_BATCH = 500;
/** Records of one S3 object: CloudTrail delivers files of a few hundred to a few thousand events. */
const OBJECT_RECORDS = 2000;

const corpus = generateFamily(join(root, '..', 'shared', 'corpus', 'streamalert', 'events', 'v3.5.0'), family, Number(countText), rate);
const lines = corpus.map((r) => r.line);
const bytes = lines.reduce((sum, l) => sum + Buffer.byteLength(l), 0);
const marked = corpus.filter((r) => r.alert).length;

// Kinesis: batches of 500 records, base64; one record in four gzipped (as a producer compressing large ones would).
const stream = `arn:aws:kinesis:us-east-1:123456789012:stream/${streamOf(family)}`;
const kinesisEvents = [];
for (let i = 0; i < lines.length; i += KINESIS_BATCH) {
  kinesisEvents.push({
    Records: lines.slice(i, i + KINESIS_BATCH).map((line, j) => ({
      eventSource: 'aws:kinesis',
      eventSourceARN: stream,
      eventID: `shardId-000000000000:${i + j}`,
      kinesis: { data: ((i + j) % 4 === 0 ? gzipSync(line) : Buffer.from(line)).toString('base64'), sequenceNumber: String(i + j), partitionKey: 'p' },
    })),
  });
}

// S3: gzip objects; a CloudTrail object is one {"Records":[...]} document, the others JSON lines or text lines.
const objects = new Map();
const s3Events = [];
const documents = [];
for (let i = 0; i < lines.length; i += OBJECT_RECORDS) {
  const slice = lines.slice(i, i + OBJECT_RECORDS);
  const text = family === 'cloudtrail' ? JSON.stringify({ Records: slice.map((l) => JSON.parse(l).Records[0]) }) : slice.join('\n');
  if (family === 'cloudtrail') documents.push(text);
  const key = `AWSLogs/123456789012/${family}/${i}.json.gz`;
  const body = gzipSync(text);
  objects.set(key, body);
  s3Events.push({ Records: [{ eventSource: 'aws:s3', awsRegion: 'us-east-1', s3: { bucket: { name: bucketOf(family) }, object: { key, size: body.length } } }] });
}
const getObject = async (_bucket, key) => [objects.get(key)];

const require = createRequire(import.meta.url);
const loadStart = process.hrtime.bigint();
const bundle = require(join(bundleDir, 'index.js'));
const loadMs = Number(process.hrtime.bigint() - loadStart) / 1e6;
// Kinesis: the exported handler itself. S3: the same bundle's createHandler with an in-memory object getter.
const kinesisHandler = bundle.handler;
const s3Handler = bundle.createHandler({ getObject });

const parseLines = () => {
  for (const line of lines) {
    try {
      JSON.parse(line);
    } catch {
      // key/value and syslog lines are not JSON: the baseline pays the failed parse.
    }
  }
};
const parseDocuments = () => {
  for (const doc of documents) JSON.parse(doc);
};
let counts;
const runAll = (handler, events) => async () => {
  const total = { records: 0, classified: 0, alerts: 0, unclassified: 0, failed_reads: 0 };
  for (const event of events) {
    const result = await handler(event, { awsRequestId: 'bench' });
    const c = result.counts;
    total.records += c.records;
    total.classified += Object.values(c.classified).reduce((a, b) => a + b, 0);
    total.alerts += c.alerts ?? 0;
    total.unclassified += c.unclassified;
    total.failed_reads += c.failed_reads;
  }
  counts = total;
  return total;
};
const cases = [
  ['JSON.parse lines', parseLines],
  ['kinesis handler', runAll(kinesisHandler, kinesisEvents)],
  ['s3 handler', runAll(s3Handler, s3Events)],
  ...(family === 'cloudtrail' ? [['JSON.parse documents', parseDocuments]] : []),
  // BENCH_CASES=kinesis measures (and profiles, with --cpu-prof) only the matching cases.
].filter(([name]) => !process.env.BENCH_CASES || name.includes(process.env.BENCH_CASES));
const rssBefore = process.memoryUsage().rss;
const seconds = cases.map(() => []);
// CPU time too: on a shared machine the wall clock counts the time this process waited for a core.
const cpuSeconds = cases.map(() => []);
const results = {};
for (const [name, fn] of cases) {
  const out = await fn();
  if (out) results[name] = out;
}
for (let r = 0; r < rounds; r++) {
  for (const [c, [, fn]] of cases.entries()) {
    globalThis.gc?.();
    const cpu = process.cpuUsage();
    const start = process.hrtime.bigint();
    await fn();
    seconds[c].push(Number(process.hrtime.bigint() - start) / 1e9);
    const used = process.cpuUsage(cpu);
    cpuSeconds[c].push((used.user + used.system) / 1e6);
  }
}
void counts;
const median = (list) => list.slice().sort((a, b) => a - b)[Math.floor(list.length / 2)];
const out = {
  family,
  rate,
  records: lines.length,
  marked,
  bytes,
  load_ms: loadMs,
  rss_before_mb: rssBefore / 1048576,
  peak_rss_mb: process.resourceUsage().maxRSS / 1024,
  seconds: Object.fromEntries(cases.map(([name], c) => [name, median(seconds[c])])),
  cpu_seconds: Object.fromEntries(cases.map(([name], c) => [name, median(cpuSeconds[c])])),
  results,
};
writeSync(3, `${JSON.stringify(out)}\n`);
