/** `streamalert lambda test` as a process: the bundled rules pass, and broken input fails with exit 4. */
import { afterAll, describe, expect, it } from '@jest/globals';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../_helpers/run-cli';
import { REPO_ROOT } from '../_helpers/paths';
import { makeTempDir } from '../_helpers/temp-dir';

const cleanups: string[] = [];
afterAll(() => {
  for (const dir of cleanups) rmSync(dir, { recursive: true, force: true });
});

const FIXTURE = join(REPO_ROOT, 'rules', 'community', 'github', 'github_oauth_application_create.json');

describe('streamalert lambda test', () => {
  it('passes the bundled rules from a fresh clone (type check included), exit 0', () => {
    const run = runCli(['lambda', 'test']);
    expect(run.stdout).toMatch(/Summary: \d+ tests in \d+ files: \d+ passed, 0 failed/);
    expect(run.stdout).not.toMatch(/Rules without a test event/);
    expect(run.code).toBe(0);
  });

  it('fails a broken fixture with exit 4 and a report naming the missing and unexpected rules', () => {
    const events = JSON.parse(readFileSync(FIXTURE, 'utf8')) as { trigger_rules: string[] }[];
    events[0]!.trigger_rules = ['github_site_admin_user_promotion'];
    const file = join(makeTempDir(), 'broken.json');
    writeFileSync(file, JSON.stringify(events));
    const run = runCli(['lambda', 'test', file, '--no-typecheck']);
    expect(run.code).toBe(4);
    expect(run.stdout).toMatch(/FAIL \[0\] Registering an OAuth app alerts/);
    expect(run.stdout).toMatch(/missing: +github_site_admin_user_promotion/);
    expect(run.stdout).toMatch(/unexpected: +github_oauth_application_create/);
    expect(run.stdout).toMatch(/1 passed, 1 failed/);
  });

  it('runs a StreamAlert 1.x fixture ({"records": [...]}, trigger, compressed Kinesis data)', () => {
    const [alerting, quiet] = JSON.parse(readFileSync(FIXTURE, 'utf8')) as { data: unknown; description: string }[];
    const record = (event: { data: unknown; description: string }, trigger: boolean) => ({
      data: event.data,
      description: event.description,
      service: 'kinesis',
      source: 'acme_corp_streamalert',
      trigger,
      trigger_count: trigger ? 1 : undefined,
      compress: true,
    });
    const file = join(makeTempDir(), 'old.json');
    writeFileSync(file, JSON.stringify({ records: [record(alerting!, true), record(quiet!, false)] }));
    const run = runCli(['lambda', 'test', file, '--no-typecheck']);
    expect(run.stdout).toMatch(/2 passed, 0 failed/);
    expect(run.code).toBe(0);
  });

  it('fails a deliberately broken rule with exit 4, naming the rule and its exception', () => {
    // A copy of rules/ one level under the repository keeps the rules' relative imports of runtime/ valid.
    const copy = mkdtempSync(join(REPO_ROOT, '.e2e-rules-'));
    cleanups.push(copy);
    cpSync(join(REPO_ROOT, 'rules'), copy, { recursive: true });
    const rule = join(copy, 'community', 'github', 'github_oauth_application_create.ts');
    writeFileSync(rule, readFileSync(rule, 'utf8').replace("return rec.action === 'oauth_application.create';", "throw new Error('broken on purpose');"));
    const run = runCli(['lambda', 'test', '--no-typecheck', '--rules-dir', copy, join(copy, 'community', 'github')]);
    expect(run.code).toBe(4);
    expect(run.stdout).toMatch(/missing: +github_oauth_application_create/);
    expect(run.stdout).toMatch(/rule github_oauth_application_create: rule threw; counted as no match: broken on purpose/);
  });

  it("matches the indicators a fixture mocks in test_fixtures.threat_intel (StreamAlert's format), and only those", () => {
    const copy = mkdtempSync(join(REPO_ROOT, '.e2e-rules-'));
    cleanups.push(copy);
    cpSync(join(REPO_ROOT, 'rules'), copy, { recursive: true });
    const dir = join(copy, 'community', 'onelogin');
    const rule = join(dir, 'onelogin_events_threat_intel_example.ts');
    // Enabled for this test (the pack keeps it disabled, as StreamAlert does).
    writeFileSync(rule, readFileSync(rule, 'utf8').replace(/\bdisable\(\s*rule</, '(rule<'));
    const fixture = join(dir, 'onelogin_events_threat_intel_example.json');
    const events = JSON.parse(readFileSync(fixture, 'utf8')) as Record<string, unknown>[];
    const unmocked = { ...events[0], description: 'same event without mocked indicators', trigger_rules: [], test_fixtures: undefined };
    writeFileSync(fixture, JSON.stringify([events[0], unmocked]));
    const run = runCli(['lambda', 'test', '--no-typecheck', '--rules-dir', copy, fixture]);
    expect(run.stdout).toMatch(/PASS \[0\][^\n]*rules: onelogin_events_threat_intel_example\)/);
    expect(run.stdout).toMatch(/PASS \[1\] same event without mocked indicators[^\n]*rules: \(none\)\)/);
    expect(run.code).toBe(0);
  });

  it('fails with exit 4 when a rule does not type check, naming the file and the error', () => {
    const copy = mkdtempSync(join(REPO_ROOT, '.e2e-rules-'));
    cleanups.push(copy);
    cpSync(join(REPO_ROOT, 'rules'), copy, { recursive: true });
    const rule = join(copy, 'community', 'onelogin', 'onelogin_events_assumed_role.ts');
    writeFileSync(rule, readFileSync(rule, 'utf8').replace('rec.event_type_id', 'rec.event_type'));
    const run = runCli(['lambda', 'test', '--rules-dir', copy, join(copy, 'community', 'onelogin')]);
    expect(run.code).toBe(4);
    expect(run.stderr).toMatch(/the rules could not be loaded, so no test ran: type check failed/);
    expect(run.stderr).toMatch(/onelogin_events_assumed_role\.ts\(\d+,\d+\): error TS2551: Property 'event_type' does not exist/);
  });

  it('lists the rules that no test event names, and the disabled rules', () => {
    const copy = mkdtempSync(join(REPO_ROOT, '.e2e-rules-'));
    cleanups.push(copy);
    cpSync(join(REPO_ROOT, 'rules'), copy, { recursive: true });
    rmSync(join(copy, 'community', 'binaryalert', 'binaryalert_yara_match.json'));
    const rule = join(copy, 'community', 'onelogin', 'onelogin_events_assumed_role.ts');
    writeFileSync(rule, readFileSync(rule, 'utf8').replace('import {', 'import { disable,').replace('rule<', 'disable(rule<').replace(/\);\n$/, '));\n'));
    const run = runCli(['lambda', 'test', '--no-typecheck', '--rules-dir', copy]);
    expect(run.stdout).toMatch(/Rules without a test event: binaryalert_yara_match\n/);
    expect(run.stdout).toMatch(/Disabled rules: fleet_bad_action, onelogin_events_assumed_role, onelogin_events_threat_intel_example\n/);
    expect(run.stdout).toMatch(/disabled, not expected: onelogin_events_assumed_role/);
    expect(run.code).toBe(0);
  });

  it('fails with exit 4 when no test ran', () => {
    const run = runCli(['lambda', 'test', makeTempDir(), '--no-typecheck']);
    expect(run.code).toBe(4);
    expect(run.stdout).toMatch(/No test ran/);
  });

  it('names unreadable fixtures with the reason and fails, without crashing', () => {
    const dir = makeTempDir();
    writeFileSync(join(dir, 'bad.json'), '[{"description": ');
    writeFileSync(join(dir, 'nolog.json'), JSON.stringify([{ description: 'x', service: 'kinesis', source: 's', data: {}, trigger_rules: [] }]));
    writeFileSync(join(dir, '.DS_Store'), Buffer.from([0, 0, 0, 1, 66, 117, 100, 49]));
    writeFileSync(join(dir, 'good.json'), readFileSync(FIXTURE));
    const run = runCli(['lambda', 'test', dir, '--no-typecheck']);
    expect(run.code).toBe(4);
    expect(run.stderr).toMatch(/bad\.json: not valid JSON/);
    expect(run.stderr).toMatch(/nolog\.json \[0\]: missing or invalid key: log/);
    expect(run.stderr).toMatch(/\.DS_Store: skipped: not a fixture/);
    expect(run.stdout).toMatch(/2 passed, 0 failed/);
  });

  it('prints the results as JSON with --json, and keeps the events --rules and --source name', () => {
    const run = runCli(['--json', 'lambda', 'test', '--no-typecheck', '--rules', 'duo_anonymous_ip_failure,public_ami']);
    expect(run.code).toBe(0);
    const summary = JSON.parse(run.stdout) as { results: { file: string; passed: boolean }[]; exitCode: number };
    expect(new Set(summary.results.map((r) => r.file.split('/').pop()))).toEqual(new Set(['duo_anonymous_ip_failure.json', 'cloudtrail_ec2_image_creation.json']));
    const s3 = JSON.parse(runCli(['--json', 'lambda', 'test', '--no-typecheck', '--source', 's3']).stdout) as { results: { service: string }[] };
    expect(s3.results.length).toBeGreaterThan(0);
    expect(s3.results.every((r) => r.service === 's3')).toBe(true);
  });

  it('refuses an unknown --source with a usage error', () => {
    expect(runCli(['lambda', 'test', '--source', 'ftp']).code).toBe(2);
  });
});

describe('streamalert lambda test publisher_tests', () => {
  const EXAMPLE = join(REPO_ROOT, 'rules', 'community', 'cloudwatch_events', 'cloudtrail_put_object_acl_public_publisher_example.json');

  it('fails a publisher test that does not match with exit 4, and shows what each output would receive', () => {
    const events = JSON.parse(readFileSync(EXAMPLE, 'utf8')) as { publisher_tests?: Record<string, unknown[]> }[];
    events[0]!.publisher_tests = { 'pagerduty:sample-integration': [['"@pagerduty.details".userName', 'is', 'mallory']] };
    const file = join(makeTempDir(), 'publishers.json');
    writeFileSync(file, JSON.stringify(events.slice(0, 1)));
    const run = runCli(['lambda', 'test', file, '--no-typecheck', '--show-outputs']);
    expect(run.code).toBe(4);
    expect(run.stdout).toMatch(/publisher test: pagerduty:sample-integration: "@pagerduty.details".userName should have been "mallory", got "sam"/);
    expect(run.stdout).toMatch(/-> slack:sample-channel: \{"@slack.text":"Rule triggered"/);
  });
});

describe('streamalert process --rules', () => {
  it('runs the bundled rules over a log file and prints one JSON alert per match', () => {
    const events = JSON.parse(readFileSync(FIXTURE, 'utf8')) as { data: unknown }[];
    const file = join(makeTempDir(), 'ghe.jsonl');
    writeFileSync(file, events.map((e) => JSON.stringify(e.data)).join('\n'));
    const run = runCli(['process', '--source', 'kinesis:acme_corp_streamalert', '--rules=rules', file]);
    expect(run.code).toBe(0);
    const alerts = run.stdout.trim().split('\n').map((line) => JSON.parse(line) as { rule_name: string; alert_id: string; cluster: string; outputs: string[]; publications: Record<string, { publication?: { id?: string } }> });
    expect(alerts.map((a) => [a.rule_name, a.cluster])).toEqual([['github_oauth_application_create', 'corp']]);
    expect(alerts[0]!.alert_id).toMatch(/^[0-9a-f]{64}$/);
    // What every output would receive (the default publication here), nothing sent.
    expect(Object.keys(alerts[0]!.publications)).toEqual(alerts[0]!.outputs);
    expect(Object.values(alerts[0]!.publications)[0]!.publication?.id).toBe(alerts[0]!.alert_id);
  });
});
