import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { REPO_ROOT } from '../_helpers/paths';
import { runCli } from '../_helpers/run-cli';
import { makeTempDir } from '../_helpers/temp-dir';
import { osquery } from '../unit/runtime/handlers/_records';

const dir = makeTempDir();
const file = (name: string, content: string | Buffer): string => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};
const osqueryLines = (prefix: string, n: number): string[] => Array.from({ length: n }, (_, i) => JSON.stringify(osquery(`${prefix}${i}`)));
// 3,000 records with blank lines, CRLF endings and lines no schema matches, so chunks start and end on all of them.
const mixed = osqueryLines('h', 3000).map((line, i) => (i % 97 === 0 ? `not a log line ${i}\n` : i % 89 === 0 ? `${line}\r\n\n` : `${line}\n`)).join('');
const BIG = file('big.jsonl', mixed);
const CHUNK = ['--chunk-bytes', '16384'];

describe('streamalert process on worker threads', () => {
  it('cuts a large plain file into chunks over two workers and prints what one worker prints, in the same order', () => {
    const one = runCli(['process', '--jobs', '1', '--unclassified', join(dir, 'u1.jsonl'), BIG]);
    const two = runCli(['process', '--jobs', '2', ...CHUNK, '--unclassified', join(dir, 'u2.jsonl'), BIG]);
    expect(one.code).toBe(0);
    expect(two.code).toBe(0);
    expect(two.stdout).toBe(one.stdout);
    expect(readFileSync(join(dir, 'u2.jsonl'), 'utf8')).toBe(readFileSync(join(dir, 'u1.jsonl'), 'utf8'));
    expect(one.stderr).toMatch(/with 1 worker\(s\).*: 3000 record\(s\), 2969 classified, 31 unclassified/);
    expect(two.stderr).toMatch(/with 2 worker\(s\).*: 3000 record\(s\), 2969 classified, 31 unclassified/);
    expect(two.stderr).toMatch(/big\.jsonl line 1: matched none/);
  });

  it('reads several gzip files on two workers, keeping the order of each file and of the inputs', () => {
    const inputs = ['a', 'b', 'c'].map((name) => file(`${name}.jsonl.gz`, gzipSync(osqueryLines(name, 400).join('\n'))));
    const run = runCli(['process', '--jobs', '2', ...inputs]);
    expect(run.code).toBe(0);
    const hosts = run.stdout.trim().split('\n').map((l) => (JSON.parse(l) as { record: { hostIdentifier: string } }).record.hostIdentifier);
    expect(hosts).toEqual([...osqueryLines('a', 400), ...osqueryLines('b', 400), ...osqueryLines('c', 400)].map((l) => (JSON.parse(l) as { hostIdentifier: string }).hostIdentifier));
    expect(run.stderr).toMatch(/processed 3 input\(s\) with 2 worker\(s\)/);
  });

  it('reads stdin on a worker beside a file, stdin first as given', () => {
    const gz = file('d.jsonl.gz', gzipSync(osqueryLines('d', 50).join('\n')));
    const one = runCli(['process', '--jobs', '1', '-', gz], { input: osqueryLines('s', 50).join('\n') });
    const two = runCli(['process', '--jobs', '2', '-', gz], { input: osqueryLines('s', 50).join('\n') });
    expect(two.stdout).toBe(one.stdout);
    expect(two.stdout.split('\n')[0]).toContain('"hostIdentifier":"s0"');
    expect(two.stderr).toMatch(/processed 2 input\(s\) with 2 worker\(s\).*100 record\(s\), 100 classified/);
  });

  it.each([['1'], ['2']])('ends quietly with exit 0 when the reader of stdout goes away (--jobs %s)', (jobs) => {
    const cli = join(REPO_ROOT, 'bin', 'streamalert.js');
    const run = spawnSync('bash', ['-c', `set -o pipefail; "${process.execPath}" "${cli}" process --jobs ${jobs} --chunk-bytes 16384 "${BIG}" | head -1`], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
    });
    expect(run.stderr).not.toMatch(/EPIPE|Error|at /);
    expect(run.status).toBe(0);
    expect(run.stdout.split('\n')[0]).toContain('"log_type":"osquery:differential"');
  });

  it('runs rules over alerting records in a heap too small to keep their alerts (they are written, not kept)', () => {
    // 6,000 alerting records of 8 KiB: kept alerts (each holds its record) would need 48 MB of heap on top of the ~35 MB the CLI itself uses.
    const rules = mkdtempSync(join(REPO_ROOT, '.e2e-rules-'));
    try {
      writeFileSync(
        join(rules, 'every_osquery.ts'),
        "import { rule } from '../runtime/rules';\n\nrule({ logs: ['osquery:differential'], outputs: ['aws-firehose:alerts'] })(function every_osquery(rec) {\n  return rec.action === 'added';\n});\n",
      );
      const pad = 'p'.repeat(8192);
      const input = file('alerting.jsonl', Array.from({ length: 6000 }, (_, i) => JSON.stringify({ ...osquery(`h${i}`), columns: { pad } })).join('\n'));
      const run = spawnSync(process.execPath, ['--max-old-space-size=64', join(REPO_ROOT, 'bin', 'streamalert.js'), 'process', '--jobs', '1', '--rules', rules, input], {
        cwd: REPO_ROOT,
        encoding: 'utf8',
        maxBuffer: 512 * 1024 * 1024,
        env: { ...process.env, NO_COLOR: '1' },
      });
      expect(run.stderr).toMatch(/rules: 1 loaded \(0 disabled\), 6000 alert\(s\)/);
      expect(run.status).toBe(0);
      expect(run.stdout.split('\n').filter((l) => l !== '')).toHaveLength(6000);
    } finally {
      rmSync(rules, { recursive: true, force: true });
    }
  });
});
