/**
 * `rule new` then `lambda test`, as a new user runs them: the scaffold's events have the shape of the log
 * type (json_path envelope, key=value), so a fresh rule passes its own tests; a rule that alerts nowhere is
 * warned about; results go to stdout and diagnostics to stderr.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { REPO_ROOT } from '../_helpers/paths';
import { runCli } from '../_helpers/run-cli';

// Rule files import the runtime by a relative path: their folder lives in the repository.
const dir = mkdtempSync(join(REPO_ROOT, '.e2e-rules-'));
const rel = relative(REPO_ROOT, dir);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const test = (...paths: string[]) => runCli(['lambda', 'test', '--no-typecheck', '--rules-dir', rel, ...paths]);

describe('rule new, then lambda test', () => {
  it.each([
    ['cloudtrail:events', 'ct_scaffold', '"Records": ['],
    ['sshd:auth', 'sshd_scaffold', '"type=login '],
  ])('writes %s events that classify, so the fresh rule passes its own tests (exit 0)', (log, name, shape) => {
    const made = runCli(['rule', 'new', name, '--log', log, '--dir', rel, '--outputs', 'slack:security-alerts']);
    expect(made.code).toBe(0);
    expect(made.stderr).not.toContain('warning');
    expect(readFileSync(join(dir, `${name}.json`), 'utf8')).toContain(shape);
    const run = test(join(rel, `${name}.json`));
    expect(run.stdout).toMatch(/Summary: 2 tests in 1 file: 2 passed, 0 failed/);
    expect(run.code).toBe(0);
  });

  it('says why when no data source carries the log type, and warns about a rule without outputs', () => {
    const made = runCli(['rule', 'new', 'gd_scaffold', '--log', 'guardduty:findings', '--dir', rel]);
    expect(made.code).toBe(0);
    expect(made.stderr).toContain('warning: no data source in conf/variables.json carries guardduty:findings, so no rule processor ever reads it');
    expect(made.stderr).toContain('warning: gd_scaffold sends to no output: its alerts go nowhere');
    const run = test(join(rel, 'gd_scaffold.json'));
    expect(run.code).toBe(4);
    expect(run.stdout).toContain("no data source carries guardduty:findings: add it to a cluster's data_sources");
    expect(run.stderr).toContain('warning: rule gd_scaffold has no outputs: its alerts go nowhere');
  });

  it('refuses to overwrite an existing rule with a usage error (exit 2)', () => {
    const run = runCli(['rule', 'new', 'ct_scaffold', '--log', 'cloudtrail:events', '--dir', rel]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/ct_scaffold\.ts already exists; not overwriting it/);
  });

  it('refuses an --outputs entry that outputs.json does not declare (exit 2)', () => {
    const run = runCli(['rule', 'new', 'typo_scaffold', '--log', 'cloudtrail:events', '--dir', rel, '--outputs', 'slack:secops-typo']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--outputs: slack:secops-typo not declared in outputs.json');
  });

  it("prints the classifier's reason for an event that classified as another log type, on stdout for grep", () => {
    const flat = { eventVersion: '1.08', eventTime: 't', eventSource: 's', eventName: 'n', awsRegion: 'r', userIdentity: {} };
    writeFileSync(join(dir, 'flat.json'), JSON.stringify([{ description: 'flat event', log: 'cloudtrail:events', service: 's3', source: 'acme.prod.cloudtrail', trigger_rules: [], data: flat }]));
    const run = test(join(rel, 'flat.json'));
    expect(run.code).toBe(4);
    expect(run.stdout).toMatch(/FAIL \[0\] flat event/);
    expect(run.stdout).toContain('classified as cloudtrail:cloudwatch_logs, expected cloudtrail:events; as cloudtrail:events: json_path "Records[*]" selected nothing');
    expect(run.stderr).not.toMatch(/FAIL/);
  });

  it('warns in lambda test, and config validate refuses, a rule whose output is not declared', () => {
    writeFileSync(
      join(dir, 'typo_output.ts'),
      "import { rule } from '../runtime/rules';\n\nrule({ logs: ['cloudtrail:events'], outputs: ['slack:secops-typo'] })(function typo_output() {\n  return false;\n});\n",
    );
    const run = test(join(rel, 'ct_scaffold.json'));
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('warning: rule "typo_output" sends to "slack:secops-typo", which outputs.json does not declare');
    const validate = runCli(['config', 'validate', '--rules-dir', rel]);
    expect(validate.code).toBe(3);
    expect(validate.stderr).toContain('"slack:secops-typo"');
  });

  it('names a misspelled rule, an unknown log type and where a test file is malformed', () => {
    const data = JSON.parse(readFileSync(join(dir, 'ct_scaffold.json'), 'utf8'))[0].data;
    writeFileSync(join(dir, 'typos.json'), JSON.stringify([
      { description: 'rule typo', log: 'cloudtrail:events', service: 's3', source: 'acme.prod.cloudtrail', trigger_rules: ['ct_scafold'], data },
      { description: 'log typo', log: 'cloudtrail:event', service: 's3', source: 'acme.prod.cloudtrail', trigger_rules: [], data },
    ]));
    writeFileSync(join(dir, 'broken.json'), '[\n  {"description": "x",\n   "log": }\n]\n');
    const run = test(join(rel, 'typos.json'), join(rel, 'broken.json'));
    expect(run.code).toBe(4);
    expect(run.stdout).toContain('no rule named "ct_scafold" (did you mean "ct_scaffold"?)');
    expect(run.stdout).not.toContain('rules that did not fire: ct_scafold');
    expect(run.stdout).toContain('unknown log type "cloudtrail:event": no schema in conf/ declares it (did you mean "cloudtrail:events"?)');
    expect(run.stderr).toMatch(/broken\.json: not valid JSON at line 3, column \d+/);
  });
});
