/**
 * `lambda test --rules a,b` runs only the named rules (StreamAlert's --test-rules): a team's own rule that fires on
 * the same events does not fail StreamAlert's tests of the community pack.
 */
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../_helpers/paths';
import { runCli } from '../_helpers/run-cli';

const pack = mkdtempSync(join(REPO_ROOT, '.e2e-rules-'));
afterAll(() => rmSync(pack, { recursive: true, force: true }));

beforeAll(() => {
  for (const dir of ['community', 'sample', 'publishers']) cpSync(join(REPO_ROOT, 'rules', dir), join(pack, dir), { recursive: true });
  // A team's extra rule that fires on every CloudTrail event, the same events StreamAlert's rules are tested on.
  writeFileSync(
    join(pack, 'team_every_event.ts'),
    "import { rule } from '../runtime/rules';\n\n/** Every CloudTrail event. */\nrule({ logs: ['cloudtrail:events', 'cloudwatch:events'] })(function team_every_event() {\n  return true;\n});\n",
  );
});

const FIXTURE = join('rules', 'community', 'cloudwatch_events', 'cloudtrail_critical_api_calls.json');

describe('lambda test --rules', () => {
  it('fails the upstream test events when every rule runs (the extra rule fires on them)', () => {
    const run = runCli(['lambda', 'test', '--no-typecheck', '--rules-dir', pack, FIXTURE]);
    expect(run.code).toBe(4);
    expect(run.stdout).toMatch(/team_every_event/);
  });

  it('runs only the named rules, so the same events pass', () => {
    const run = runCli(['lambda', 'test', '--no-typecheck', '--rules-dir', pack, '--rules', 'cloudtrail_critical_api_calls', FIXTURE]);
    expect(run.code).toBe(0);
    expect(run.stdout).not.toMatch(/team_every_event/);
    expect(run.stdout).toMatch(/Summary: \d+ tests in 1 file: \d+ passed, 0 failed/);
  });

  it('refuses a rule name that is no rule, suggesting the closest', () => {
    const run = runCli(['lambda', 'test', '--no-typecheck', '--rules-dir', pack, '--rules', 'cloudtrail_critical_api_cals', FIXTURE]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--rules names no rule: cloudtrail_critical_api_cals \(did you mean cloudtrail_critical_api_calls\?\)/);
  });
});
