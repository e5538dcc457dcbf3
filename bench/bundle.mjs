// Bundle benchmark: packages every function with the built CLI (the same zips `lambda deploy` uploads),
// then reports each zip's size and the time to load the bundle (`require` of index.js, which also builds
// the handler) in a fresh Node process, as the median of several runs.
// Every kind of function the package step knows is listed (rule processors today; the alert processor, merger,
// apps and downloader as `lambda package` learns them). Targets: zip < 1 MB, load < 150 ms. Run after `npm run build`:
//   node bench/bundle.mjs [--runs 9] [--json]
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readZipEntry } from './zip.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const runs = Number(args[args.indexOf('--runs') + 1]) || 9;
const asJson = args.includes('--json');
const ZIP_TARGET_BYTES = 1024 * 1024;
const LOAD_TARGET_MS = 150;

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/**
 * Time to require `file` in a fresh Node process (the process start itself is not counted): wall clock,
 * and CPU time (user + system), which a busy machine inflates much less than the wall clock.
 */
function loadTime(file) {
  const script =
    `const c = process.cpuUsage(); const t = process.hrtime.bigint(); require(${JSON.stringify(file)});` +
    `const w = Number(process.hrtime.bigint() - t) / 1e6; const u = process.cpuUsage(c);` +
    `process.stdout.write(JSON.stringify({ wall: w, cpu: (u.user + u.system) / 1000 }));`;
  return JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8', env: { ...process.env, AWS_REGION: 'us-east-1' } }));
}

const outDir = join(root, '.build', 'bench');
mkdirSync(outDir, { recursive: true });
const packaged = JSON.parse(
  execFileSync(process.execPath, [join(root, 'bin', 'streamalert.js'), '--json', 'lambda', 'package', '--out-dir', outDir], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  }),
);
const scratch = mkdtempSync(join(tmpdir(), 'streamalert-bench-'));
const results = [];
try {
  for (const pkg of packaged.packages) {
    const code = readZipEntry(readFileSync(pkg.zip), 'index.js');
    const file = join(scratch, `${pkg.function}.js`);
    writeFileSync(file, code);
    const samples = Array.from({ length: runs }, () => loadTime(file));
    const times = samples.map((x) => x.wall);
    const cpu = samples.map((x) => x.cpu);
    results.push({
      function: pkg.function,
      kind: pkg.kind ?? 'rule',
      zip_bytes: pkg.size,
      bundle_bytes: code.length,
      rule_files: pkg.rule_files.length,
      load_ms_median: Number(median(times).toFixed(1)),
      load_ms_min: Number(Math.min(...times).toFixed(1)),
      load_cpu_ms_median: Number(median(cpu).toFixed(1)),
      runs,
      zip_ok: pkg.size < ZIP_TARGET_BYTES,
      // Judged on CPU time: on a shared machine the wall clock also counts the wait for a core, which a
      // Lambda sandbox does not have. Both are printed.
      load_ok: median(cpu) < LOAD_TARGET_MS,
    });
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

if (asJson) {
  process.stdout.write(`${JSON.stringify({ node: process.version, load_average: loadavg()[0], results }, null, 2)}\n`);
} else {
  console.log(`bundle benchmark (node ${process.version}, ${runs} fresh processes per function, load average ${loadavg()[0].toFixed(1)})`);
  for (const r of results) {
    console.log(
      `  ${r.kind} ${r.function}: zip ${(r.zip_bytes / 1024).toFixed(1)} KiB (target < 1024 KiB: ${r.zip_ok ? 'ok' : 'MISSED'}), ` +
        `bundle ${(r.bundle_bytes / 1024).toFixed(1)} KiB, ${r.rule_files} rule file(s), ` +
        `load median ${r.load_ms_median} ms wall (min ${r.load_ms_min}), ${r.load_cpu_ms_median} ms CPU ` +
        `(target < ${LOAD_TARGET_MS} ms CPU: ${r.load_ok ? 'ok' : 'MISSED'})`,
    );
  }
}
