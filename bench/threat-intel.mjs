// The cost of threat intel on the rule processor's throughput: the same CloudTrail S3 objects (2,000 records each,
// source IPs drawn from a pool of distinct addresses, 1% of which are indicators) through createRuleProcessor with
// threat intel off, and on with the IOC table in dynalite (a separate process on 127.0.0.1, a stand-in for
// DynamoDB: its latency is loopback, not a region's). Also the plain JSON.parse of the same documents, for the ratio.
// Run:  node bench/threat-intel.mjs   Env: BENCH_INTEL_RECORDS (40000), BENCH_INTEL_POOL (distinct IPs, 5000), BENCH_ROUNDS (3)
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const records = Number(process.env.BENCH_INTEL_RECORDS ?? 40_000);
const pool = Number(process.env.BENCH_INTEL_POOL ?? 5_000);
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const PER_OBJECT = 2_000;
const TABLE = 'bench_iocs';
const work = mkdtempSync(join(tmpdir(), 'streamalert-bench-intel-'));
const require = createRequire(import.meta.url);
let dynalite;

/** dynalite in its own process; resolves with its endpoint and a stop function. */
function startDynalite() {
  const script = "const s=require('dynalite')({createTableMs:0});s.listen(0,'127.0.0.1',()=>process.stdout.write(String(s.address().port)+'\\n'));";
  const child = spawn(process.execPath, ['-e', script], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve) => child.stdout.once('data', (d) => resolve({ endpoint: `http://127.0.0.1:${String(d).trim()}`, stop: () => child.kill() })));
}

const ip = (i) => `198.${18 + ((i >> 16) & 1)}.${(i >> 8) & 255}.${i & 255}`;

try {
  const bundle = join(work, 'runtime.cjs');
  await build({
    stdin: {
      contents: [
        "export { loadConfig } from './runtime/config';",
        "export { createRuleProcessor } from './runtime/handlers';",
        "export { cachedIocSource, createThreatIntel, dynamoDbIocSource } from './runtime/threat-intel';",
        "export { dynamoDbIocWriter } from './runtime/threat-intel/downloader';",
        "export { silentLogger } from './runtime/logger';",
      ].join('\n'),
      resolveDir: root,
      loader: 'ts',
    },
    outfile: bundle,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    logLevel: 'warning',
  });
  const rt = require(bundle);
  const base = rt.loadConfig(join(root, 'conf'));
  const config = { ...base, threat_intel: { ...base.threat_intel, enabled: true, table: TABLE, clusters: ['prod'], normalized_ioc_types: { ip: ['source_address'] } } };

  dynalite = await startDynalite();
  Object.assign(process.env, { AWS_ENDPOINT_URL: dynalite.endpoint, AWS_ACCESS_KEY_ID: 'bench', AWS_SECRET_ACCESS_KEY: 'bench', AWS_REGION: 'us-east-1', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' });
  const { DynamoDBClient, CreateTableCommand } = require('@aws-sdk/client-dynamodb');
  const ddb = new DynamoDBClient({});
  await ddb.send(new CreateTableCommand({ TableName: TABLE, BillingMode: 'PAY_PER_REQUEST', AttributeDefinitions: [{ AttributeName: 'ioc_value', AttributeType: 'S' }], KeySchema: [{ AttributeName: 'ioc_value', KeyType: 'HASH' }] }));
  const iocCount = Math.ceil(pool / 100);
  const far = Math.floor(Date.now() / 1000) + 86_400;
  await rt.dynamoDbIocWriter(TABLE)(Array.from({ length: iocCount }, (_, i) => ({ ioc_value: ip(i * 100), ioc_type: 'ip', sub_type: 'mal_ip', source: 'bench', expiration_ts: far })));

  // Seeded corpus: CloudTrail documents of PER_OBJECT records.
  let seed = 42;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const objects = {};
  const docs = [];
  let bytes = 0;
  for (let o = 0; o * PER_OBJECT < records; o += 1) {
    const list = Array.from({ length: Math.min(PER_OBJECT, records - o * PER_OBJECT) }, (_, i) => ({
      eventVersion: '1.08', eventID: `id-${o}-${i}`, eventTime: '2026-01-01T00:00:00Z', eventType: 'AwsApiCall', eventSource: 'iam.amazonaws.com',
      eventName: 'ListUsers', awsRegion: 'us-east-1', recipientAccountId: '123456789012', userIdentity: { type: 'IAMUser', arn: 'arn:aws:iam::123456789012:user/u' },
      sourceIPAddress: ip(Math.floor(rand() * pool)),
    }));
    const text = JSON.stringify({ Records: list });
    bytes += text.length;
    objects[`o${o}.json`] = Buffer.from(text);
    docs.push(text);
  }
  const getObject = async (_bucket, key) => [objects[key]];
  const event = { Records: Object.keys(objects).map((key) => ({ eventSource: 'aws:s3', awsRegion: 'us-east-1', eventName: 'ObjectCreated:Put', s3: { bucket: { name: 'acme.prod.cloudtrail' }, object: { key } } })) };

  let matched = 0;
  const evaluator = { evaluate: (r) => (r.record['streamalert:ioc'] ? (matched += 1) : 0, []) };
  const intel = rt.createThreatIntel({ config: config.threat_intel, source: rt.dynamoDbIocSource({ table: TABLE }), logger: rt.silentLogger });
  // As deployed: remembered for cache_seconds (300) in the container, so rounds after the first are warm.
  const cachedIntel = rt.createThreatIntel({ config: config.threat_intel, source: rt.cachedIocSource(rt.dynamoDbIocSource({ table: TABLE }), { ttlSeconds: 300 }), logger: rt.silentLogger });
  let lookups = 0;
  const cases = {
    'JSON.parse documents': async () => docs.forEach((d) => JSON.parse(d)),
    'threat intel off': rt.createRuleProcessor({ config, cluster: 'prod', getObject, evaluator, logger: rt.silentLogger, enrich: async () => {} }),
    'threat intel on, no cache': rt.createRuleProcessor({ config, cluster: 'prod', getObject, evaluator, logger: rt.silentLogger, enrich: async (chunk) => void (lookups += (await intel(chunk)).looked_up) }),
    'threat intel on, cache': rt.createRuleProcessor({ config, cluster: 'prod', getObject, evaluator, logger: rt.silentLogger, enrich: async (chunk) => void (lookups += (await cachedIntel(chunk)).looked_up) }),
  };
  const seconds = {};
  const counts = {};
  for (const name of Object.keys(cases)) seconds[name] = [];
  for (let round = 0; round < rounds; round += 1) {
    for (const [name, run] of Object.entries(cases)) {
      matched = 0;
      lookups = 0;
      global.gc?.();
      const t = process.hrtime.bigint();
      await run(event);
      seconds[name].push(Number(process.hrtime.bigint() - t) / 1e9);
      counts[name] = { matched, lookups };
    }
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  console.log(`threat intel benchmark: ${records.toLocaleString('en-US')} CloudTrail records in ${Object.keys(objects).length} S3 objects (${(bytes / 1048576).toFixed(1)} MB), ${pool} distinct source IPs, ${iocCount} of them indicators; median of ${rounds} rounds; node ${process.version}; load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  const parse = median(seconds['JSON.parse documents']);
  for (const name of Object.keys(cases)) {
    const s = median(seconds[name]);
    const c = counts[name];
    const first = name.endsWith(', cache') ? `, first (cold) round ${Math.round(records / seconds[name][0]).toLocaleString('en-US')} records/s` : '';
    const extra = name.startsWith('threat intel on') ? `, ${c.lookups} candidate values per run, ${c.matched} records matched${first}` : '';
    console.log(`  ${name.padEnd(28)} ${Math.round(records / s).toLocaleString('en-US').padStart(10)} records/s  ${(bytes / 1048576 / s).toFixed(1).padStart(6)} MB/s  x JSON.parse ${(parse / s).toFixed(2)}${extra}`);
  }
  const off = median(seconds['threat intel off']);
  for (const name of ['threat intel on, no cache', 'threat intel on, cache']) {
    const on = median(seconds[name]);
    console.log(`  ${name}: ${(((on - off) / off) * 100).toFixed(0)}% more time than off (${((on - off) * 1000 / (records / PER_OBJECT)).toFixed(1)} ms per 2,000-record object)`);
  }
  ddb.destroy();
} finally {
  dynalite?.stop();
  rmSync(work, { recursive: true, force: true });
}
