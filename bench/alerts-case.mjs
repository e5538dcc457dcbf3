// One case of the alert benchmark (bench/alerts.mjs), in its own process: loads the rule processor from the
// packaged zip's index.js and feeds it Kinesis batches of 500 records of one family at one alert rate. With
// BENCH_ALERT_TABLES set (a warm-up table, then one empty table per round, created by the parent), each round
// builds the handler anew on its own empty table, so every measured round really writes its alerts.
// `node bench/alerts-case.mjs <bundle dir> <family> <alert rate> <records> <rounds>`; prints one JSON line on fd 3.
import { writeSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateFamily } from './corpus.mjs';
import { streamOf } from './setup.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const [bundleDir, family, rateText, countText, roundsText] = process.argv.slice(2);
const rounds = Number(roundsText);
const tables = (process.env.BENCH_ALERT_TABLES ?? '').split(',').filter((t) => t !== '');
const lines = generateFamily(join(root, '..', 'shared', 'corpus', 'streamalert', 'events', 'v3.5.0'), family, Number(countText), Number(rateText)).map((r) => r.line);
const bytes = lines.reduce((sum, l) => sum + Buffer.byteLength(l), 0);
const stream = `arn:aws:kinesis:us-east-1:123456789012:stream/${streamOf(family)}`;
const events = [];
for (let i = 0; i < lines.length; i += 500) {
  events.push({
    Records: lines.slice(i, i + 500).map((line, j) => ({
      eventSource: 'aws:kinesis',
      eventSourceARN: stream,
      eventID: `shardId-000000000000:${i + j}`,
      kinesis: { data: Buffer.from(line).toString('base64'), sequenceNumber: String(i + j), partitionKey: 'p' },
    })),
  });
}
const bundle = createRequire(import.meta.url)(join(bundleDir, 'index.js'));

/** A handler on table `round` of BENCH_ALERT_TABLES (0: warm-up), or on no table. */
const handlerFor = (round) => {
  if (tables.length > 0) process.env.ALERTS_TABLE = tables[round];
  return bundle.createHandler();
};
const runAll = async (handler) => {
  const total = { classified: 0, alerts: 0 };
  for (const event of events) {
    const result = await handler(event, { awsRequestId: 'bench' });
    if (result.batchItemFailures?.length) throw new Error(`batch failed: ${JSON.stringify(result.batchItemFailures).slice(0, 500)}`);
    total.classified += Object.values(result.counts.classified).reduce((a, b) => a + b, 0);
    total.alerts += result.counts.alerts ?? 0;
  }
  return total;
};
const parse = () => {
  for (const line of lines) {
    try {
      JSON.parse(line);
    } catch {
      // key/value and syslog lines are not JSON: the baseline pays the failed parse.
    }
  }
};
const got = await runAll(handlerFor(0));
parse();
const cpu = { handler: [], parse: [] };
const wall = [];
for (let r = 1; r <= rounds; r++) {
  const handler = handlerFor(r);
  globalThis.gc?.();
  let before = process.cpuUsage();
  const start = process.hrtime.bigint();
  await runAll(handler);
  wall.push(Number(process.hrtime.bigint() - start) / 1e9);
  let used = process.cpuUsage(before);
  cpu.handler.push((used.user + used.system) / 1e6);
  globalThis.gc?.();
  before = process.cpuUsage();
  parse();
  used = process.cpuUsage(before);
  cpu.parse.push((used.user + used.system) / 1e6);
}
const median = (list) => list.slice().sort((a, b) => a - b)[Math.floor(list.length / 2)];
writeSync(3, `${JSON.stringify({ records: lines.length, bytes, results: got, cpu_handler: median(cpu.handler), cpu_parse: median(cpu.parse), wall_handler: median(wall) })}\n`);
