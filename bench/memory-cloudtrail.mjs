// Memory bound of the deployed rule processor on a huge CloudTrail object (issue 11): packages the project's
// conf/ (cluster prod) with one CloudTrail rule, unzips the zip, and in a child process started with
// --max-old-space-size=256 requires the zip's own index.js and sends it one S3 event for a gzip CloudTrail
// object of BENCH_CLOUDTRAIL_MB MiB inflated (default 1024): one {"Records":[...]} document on one line,
// one event in 1,000 alerting (DeleteTrail). The object is generated and gzipped while it is read, so the
// child holds no copy of it. Reports records, alerts, seconds, MB/s and the child's peak RSS.
// Run after `npm run build`:  node bench/memory-cloudtrail.mjs
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readZipEntries } from './zip.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const mib = Number(process.env.BENCH_CLOUDTRAIL_MB ?? 1024);
const heapMb = Number(process.env.BENCH_HEAP_MB ?? 256);

const work = mkdtempSync(join(tmpdir(), 'streamalert-bench-memory-'));
try {
  const rulesDir = join(work, 'rules');
  mkdirSync(rulesDir);
  writeFileSync(
    join(rulesDir, 'trail_deleted.ts'),
    `import { rule } from '${join(root, 'runtime', 'rules').replace(/\\/g, '/')}';\n` +
      `rule<'cloudtrail:events'>({ logs: ['cloudtrail:events'] })(function trail_deleted(rec) {\n  return rec.eventName === 'DeleteTrail';\n});\n`,
  );
  const packaged = JSON.parse(
    execFileSync(process.execPath, [join(root, 'bin', 'streamalert.js'), '--json', 'lambda', 'package', '--function', 'rule', '--cluster', 'prod', '--rules-dir', rulesDir, '--out-dir', join(work, 'pkg')], {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    }),
  );
  const pkg = packaged.packages[0];
  const fnDir = join(work, 'function');
  mkdirSync(fnDir);
  for (const [name, data] of readZipEntries(readFileSync(pkg.zip))) writeFileSync(join(fnDir, name), data);
  console.log(`memory bench: ${pkg.function} from its zip, one ${mib} MiB (inflated) CloudTrail object, node ${process.version} --max-old-space-size=${heapMb}, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  const child = spawnSync(process.execPath, [`--max-old-space-size=${heapMb}`, join(root, 'bench', 'memory-cloudtrail-case.mjs'), fnDir, String(mib)], {
    cwd: root,
    encoding: 'utf8',
    env: { PATH: process.env.PATH, LOG_LEVEL: 'error' },
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 64 * 1024 * 1024,
  });
  if (child.status !== 0) throw new Error(`the case process failed (exit ${child.status ?? child.signal})`);
  const result = JSON.parse(child.stdout.trim().split('\n').pop());
  const c = result.counts;
  console.log(
    `${(result.inflated_bytes / 1048576).toFixed(0)} MiB inflated, ${c.records.toLocaleString('en-US')} raw records, ${(c.classified['cloudtrail:events'] ?? 0).toLocaleString('en-US')} events classified, ` +
      `${c.alerts} alerts (expected ${result.expected_alerts}), ${c.failed_reads} failed reads, ${c.unclassified} unclassified; ` +
      `${result.seconds.toFixed(1)} s (${(result.inflated_bytes / 1048576 / result.seconds).toFixed(1)} MB/s); peak RSS ${result.peak_rss_mb.toFixed(0)} MB, peak heap used ${result.peak_heap_mb.toFixed(0)} MB`,
  );
  if (c.alerts !== result.expected_alerts || c.failed_reads !== 0) process.exitCode = 1;
} finally {
  rmSync(work, { recursive: true, force: true });
}
