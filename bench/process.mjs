// Benchmark of `streamalert process` as a user runs it (issue 15): for each corpus family, writes a JSON-lines
// file, then times in separate processes, interleaved over rounds: a single-threaded read + JSON.parse of the file
// (bench/parse-baseline.mjs, the reference), `process` with 1 worker and with every core, and `process --rules`
// over the heavy-alert (10%) corpus with its peak RSS. Run after `npm run build`:  node bench/process.mjs
// Env: BENCH_PROCESS_RECORDS (records per family, default 100000), BENCH_ROUNDS (default 3),
//      BENCH_FAMILIES (default cloudtrail,osquery,kv,syslog,mixed), BENCH_JOBS (default: the number of cores).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { streamOf, writeBenchConf } from './setup.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const corpus = join(root, '..', 'shared', 'corpus', 'streamalert');
const records = Number(process.env.BENCH_PROCESS_RECORDS ?? 100_000);
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const families = (process.env.BENCH_FAMILIES ?? 'cloudtrail,osquery,kv,syslog,mixed').split(',');
const cores = Number(process.env.BENCH_JOBS ?? availableParallelism());
const TIME = '/usr/bin/time';
const cli = join(root, 'bin', 'streamalert.js');

/** Runs a command with stdout to /dev/null; returns wall seconds and peak RSS (MB, from /usr/bin/time when present). */
function timed(args) {
  const withTime = existsSync(TIME);
  const command = withTime ? TIME : process.execPath;
  const argv = withTime ? ['-f', '%M', process.execPath, ...args] : args;
  const start = process.hrtime.bigint();
  const run = spawnSync(command, argv, { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (run.status !== 0) throw new Error(`${args.join(' ')} exited with ${run.status}: ${run.stderr.slice(-2000)}`);
  const lines = run.stderr.trim().split('\n');
  return { seconds, rss: withTime ? Number(lines[lines.length - 1]) / 1024 : undefined, stderr: run.stderr };
}
const median = (list) => list.slice().sort((a, b) => a - b)[Math.floor(list.length / 2)];

const work = mkdtempSync(join(tmpdir(), 'streamalert-bench-process-'));
try {
  const conf = writeBenchConf(work, corpus, 512);
  console.log(
    `process benchmark: ${records.toLocaleString('en-US')} records per family, median of ${rounds} rounds, ${cores} core(s), node ${process.version}, ` +
      `load average ${loadavg().map((l) => l.toFixed(1)).join(' ')} (the machine may be shared: compare ratios, measured in the same rounds)`,
  );
  const header = ['family', 'MB', 'JSON.parse s', 'process 1 worker s', 'ratio', `process ${cores} workers s`, 'ratio', '--rules 10% s', 'peak RSS (per worker)'];
  const rows = [];
  for (const family of families) {
    const file = join(work, `${family}.jsonl`);
    const heavy = join(work, `${family}-heavy.jsonl`);
    spawnSync(process.execPath, [join(root, 'bench', 'make-corpus.mjs'), family, String(records), '0.001', file], { stdio: 'inherit' });
    spawnSync(process.execPath, [join(root, 'bench', 'make-corpus.mjs'), family, String(records), '0.1', heavy], { stdio: 'inherit' });
    const source = ['--source', `kinesis:${streamOf(family)}`];
    const cases = [
      ['parse', () => timed([join(root, 'bench', 'parse-baseline.mjs'), file])],
      ['one', () => timed([cli, '--config', conf, 'process', '--jobs', '1', ...source, file])],
      ['all', () => timed([cli, '--config', conf, 'process', '--jobs', String(cores), ...source, file])],
      ['rules', () => timed([cli, '--config', conf, 'process', '--jobs', String(cores), '--rules', join(root, 'bench', 'rules'), ...source, heavy])],
    ];
    const seconds = cases.map(() => []);
    let rules;
    for (let r = 0; r < rounds; r++) {
      cases.forEach(([name, fn], c) => {
        const result = fn();
        seconds[c].push(result.seconds);
        if (name === 'rules' && (rules === undefined || (result.rss ?? 0) > (rules.rss ?? 0))) rules = result;
      });
    }
    const [parse, one, all, withRules] = seconds.map(median);
    const workers = Number(/with (\d+) worker/.exec(rules.stderr)?.[1] ?? cores);
    const alerts = /alerts: (\d+)/.exec(rules.stderr)?.[1] ?? '0';
    rows.push([
      family,
      (statSync(file).size / 1048576).toFixed(0),
      parse.toFixed(2),
      one.toFixed(2),
      `${(parse / one).toFixed(2)}x`,
      all.toFixed(2),
      `${(parse / all).toFixed(2)}x`,
      `${withRules.toFixed(2)} (${alerts} alerts)`,
      rules.rss === undefined ? 'n/a' : `${rules.rss.toFixed(0)} MB (${(rules.rss / workers).toFixed(0)})`,
    ]);
  }
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) => cells.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('  ');
  console.log(line(header));
  for (const row of rows) console.log(line(row));
  console.log(`targets: 1 worker >= 0.5x, ${cores} workers >= 0.9x (on 2 cores); load average after: ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
