// Benchmark of the deployed rule processor (issue 15): packages the bench configuration and rules with the built
// CLI (`lambda package`, the zip `lambda deploy` uploads), loads the zip's own index.js in a fresh process per
// case, and feeds its exported handler Kinesis batches (500 records, base64, one in four gzipped) and S3 object
// events (gzip objects from an in-memory getter) at two alert rates. Reports records/s, MB/s, the ratio to
// JSON.parse of the same bytes in the same process, peak RSS and the Lambda cost per TB ingested.
// Run after `npm run build`:  node bench/handler.mjs
// Env: BENCH_HANDLER_RECORDS (records per case, default 20000), BENCH_ROUNDS (default 3),
//      BENCH_FAMILIES (comma list, default cloudtrail,osquery,kv,syslog,mixed), BENCH_RATES (default 0.001,0.1).
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeBenchConf } from './setup.mjs';
import { readZipEntries } from './zip.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const corpus = join(root, '..', 'shared', 'corpus', 'streamalert');
const records = Number(process.env.BENCH_HANDLER_RECORDS ?? 20_000);
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const families = (process.env.BENCH_FAMILIES ?? 'cloudtrail,osquery,kv,syslog,mixed').split(',');
const rates = (process.env.BENCH_RATES ?? '0.001,0.1').split(',').map(Number);

/**
 * AWS Lambda list prices, us-east-1, x86_64, first tier (https://aws.amazon.com/lambda/pricing/): unchanged since
 * 1 ms billing began in December 2020; recorded here on 2026-12-01 (not fetched at run time).
 */
const PRICE = { date: '2026-12-01', per_gb_second: 0.0000166667, per_million_requests: 0.2 };
/** Lambda gives a function one full vCPU at 1,769 MB and a proportional share below (AWS Lambda docs, "Memory and computing power"). */
const FULL_VCPU_MB = 1769;

const projectConf = JSON.parse(readFileSync(join(root, 'conf', 'variables.json'), 'utf8'));
const memory = Object.values(projectConf.clusters)[0]?.modules?.rule_processor?.memory ?? projectConf.functions?.memory ?? 128;
const upstream = JSON.parse(readFileSync(join(corpus, 'config', 'v3.5.0', 'conf', 'clusters', 'prod.json'), 'utf8'));
const upstreamMemory = upstream.classifier_config.memory;

const work = mkdtempSync(join(tmpdir(), 'streamalert-bench-handler-'));
try {
  const conf = writeBenchConf(work, corpus, memory);
  const packaged = JSON.parse(
    execFileSync(process.execPath, [join(root, 'bin', 'streamalert.js'), '--config', conf, '--json', 'lambda', 'package', '--function', 'rule', '--rules-dir', join(root, 'bench', 'rules'), '--out-dir', join(work, 'pkg')], {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    }),
  );
  const pkg = packaged.packages[0];
  const fnDir = join(work, 'function');
  mkdirSync(fnDir);
  for (const [name, data] of readZipEntries(readFileSync(pkg.zip))) writeFileSync(join(fnDir, name), data);

  console.log(
    `handler benchmark: ${pkg.function} from its zip (${(pkg.size / 1024).toFixed(0)} KiB), ${records.toLocaleString('en-US')} records per case, median of ${rounds} rounds, ` +
      `node ${process.version}, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`,
  );
  console.log(
    `cost per TB ingested at the configured ${memory} MB (StreamAlert v3.5 publishes ${upstreamMemory} MB for its classifier), Lambda x86 $${PRICE.per_gb_second}/GB-s + $${PRICE.per_million_requests}/1M requests (prices of ${PRICE.date}); ` +
      `the function gets ${Math.min(1, memory / FULL_VCPU_MB).toFixed(2)} vCPU at ${memory} MB, so its rate is this machine's single-core rate times that share`,
  );
  console.log(
    'records/s and MB/s from CPU time (user + system of the case process; the wall clock on a shared machine also counts waiting for a core); ' +
      'x JSON.parse: CPU time of JSON.parse over the same records (CloudTrail from S3: the same documents) / CPU time of the handler; wall-clock ratio in brackets',
  );
  const header = ['family', 'alerts', 'path', 'records/s', 'MB/s', 'x JSON.parse', 'peak RSS', '$/TB @' + memory, '$/TB @' + upstreamMemory];
  // Rows are printed as each case ends (fixed widths), so a long run shows progress.
  const widths = [10, 18, 7, 10, 6, 14, 9, 10, 10];
  const line = (cells) => cells.map((c, i) => (i < 3 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('  ');
  console.log(line(header));
  for (const family of families) {
    for (const rate of rates) {
      const result = await runCase(fnDir, family, rate);
      for (const path of ['kinesis', 's3']) {
        const s = result.cpu_seconds[`${path} handler`];
        const wall = result.seconds[`${path} handler`];
        const baselineName = path === 's3' && result.seconds['JSON.parse documents'] !== undefined ? 'JSON.parse documents' : 'JSON.parse lines';
        const got = result.results[`${path} handler`];
        const bytesPerInvocation = path === 'kinesis' ? result.bytes / Math.ceil(result.records / 500) : result.bytes / Math.ceil(result.records / 2000);
        const baseline = result.cpu_seconds[baselineName];
        console.log(line([
          family,
          `${got.alerts}/${got.classified} (${((100 * got.alerts) / Math.max(1, got.classified)).toFixed(1)}%)`,
          path,
          Math.round(result.records / s).toLocaleString('en-US'),
          (result.bytes / 1048576 / s).toFixed(1),
          `${(baseline / s).toFixed(2)} (${(result.seconds[baselineName] / wall).toFixed(2)})`,
          `${result.peak_rss_mb.toFixed(0)} MB`,
          `$${costPerTb(result.bytes / s, memory, bytesPerInvocation).toFixed(2)}`,
          `$${costPerTb(result.bytes / s, upstreamMemory, bytesPerInvocation).toFixed(2)}`,
        ]));
      }
    }
  }
  console.log(`load average after: ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}

/** Dollars per TB (10^12 bytes) of uncompressed log data at `bytesPerSecond` measured on one full core. */
function costPerTb(bytesPerSecond, memoryMb, bytesPerInvocation) {
  const share = Math.min(1, memoryMb / FULL_VCPU_MB);
  const seconds = 1e12 / (bytesPerSecond * share);
  return seconds * (memoryMb / 1024) * PRICE.per_gb_second + (1e12 / bytesPerInvocation / 1e6) * PRICE.per_million_requests;
}

function runCase(fnDir, family, rate) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--expose-gc', join(root, 'bench', 'handler-case.mjs'), fnDir, family, String(rate), String(records), String(rounds)], {
      // stdout is the function's log, as CloudWatch Logs would take it.
      stdio: ['ignore', 'ignore', 'inherit', 'pipe'],
      env: { ...process.env, AWS_REGION: 'us-east-1', AWS_LAMBDA_FUNCTION_NAME: '', ALERTS_TABLE: '', DEAD_LETTER_BUCKET: '' },
    });
    let out = '';
    child.stdio[3].on('data', (chunk) => (out += chunk));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`case ${family} ${rate} exited with ${code}`))));
  });
}
