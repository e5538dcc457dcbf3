/**
 * The whole rule set backtested over the generated benign CloudTrail day: the alert count of every rule is what
 * docs/detection-library.md says, so the false-positive figures there are measured, not guessed.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../_helpers/paths';
import { runCli } from '../_helpers/run-cli';
import { makeTempDir } from '../_helpers/temp-dir';

/** rule -> count, from the table between the benign-volume markers. */
function documentedVolume(): { counts: Map<string, number>; others: number } {
  const text = readFileSync(join(REPO_ROOT, 'docs', 'detection-library.md'), 'utf8');
  const table = /<!-- benign-volume[^>]*-->([\s\S]*?)<!-- \/benign-volume -->/.exec(text)?.[1] ?? '';
  const counts = new Map<string, number>();
  let others = -1;
  for (const row of table.split('\n')) {
    const m = /^\| ([^|]+?) \| (\d+) \|$/.exec(row.trim());
    if (!m) continue;
    if ((m[1] as string).startsWith('every other rule')) others = Number(m[2]);
    else counts.set(m[1] as string, Number(m[2]));
  }
  return { counts, others };
}

describe('the detection library on a benign CloudTrail day', () => {
  it('alerts exactly as docs/detection-library.md reports, and no other rule fires', () => {
    const dir = makeTempDir();
    const day = join(dir, 'benign.json');
    execFileSync(process.execPath, [join(REPO_ROOT, 'scripts', 'benign-cloudtrail.mjs'), day], { stdio: 'ignore' });
    const run = runCli(['process', '--rules', 'rules', day], { timeoutMs: 240_000 });
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/20000 record\(s\), 20000 classified/);
    const observed = new Map<string, number>();
    for (const line of run.stdout.trim().split('\n').filter(Boolean)) {
      const name = (JSON.parse(line) as { rule_name: string }).rule_name;
      observed.set(name, (observed.get(name) ?? 0) + 1);
    }
    const { counts, others } = documentedVolume();
    expect(others).toBe(0);
    expect(Object.fromEntries([...observed].sort())).toEqual(Object.fromEntries([...counts].sort()));
  });
});
