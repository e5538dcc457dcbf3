/** Sigma rules as a user meets them: `rule sigma check`, and a folder of Sigma rules backtested with `process --rules`. */
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../_helpers/paths';
import { runCli } from '../_helpers/run-cli';
import { makeTempDir } from '../_helpers/temp-dir';

const CONF = join(REPO_ROOT, 'conf');

function cloudtrail(eventName: string, eventSource: string, id: string): Record<string, unknown> {
  return {
    eventVersion: '1.08', eventID: id, eventTime: '2026-01-05T10:00:00Z', eventType: 'AwsApiCall', eventSource, eventName,
    awsRegion: 'us-east-1', recipientAccountId: '123456789012', sourceIPAddress: '203.0.113.10', userAgent: 'aws-cli/2',
    requestParameters: {}, responseElements: null, userIdentity: { type: 'IAMUser', userName: 'dana' },
  };
}

function okta(eventType: string, uuid: string): Record<string, unknown> {
  return {
    uuid, published: '2026-01-05T10:00:00.000Z', eventType, version: '0', severity: 'INFO', legacyEventType: eventType,
    displayMessage: 'Reset all factors for user', actor: { alternateId: 'admin@example.com' }, client: {}, outcome: { result: 'SUCCESS' },
    target: [], transaction: {}, debugContext: {}, authenticationContext: {}, securityContext: {}, request: {},
  };
}

function github(action: string, id: string): Record<string, unknown> {
  return {
    '@timestamp': 1767607200000, _document_id: id, action, actor: 'mallory', actor_id: 42, actor_ip: '203.0.113.10', actor_location: {},
    business: 'acme', created_at: 1767607200000, operation_type: 'modify', org: 'acme', org_id: 7, repo: 'acme/payments', user: '',
  };
}

describe('streamalert rule sigma check', () => {
  it("loads every rule of the project's own Sigma corpus, one JSON object per line", () => {
    const run = runCli(['--json', 'rule', 'sigma', 'check', 'rules/sigma']);
    expect(run.code).toBe(0);
    const lines = run.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.length).toBeGreaterThanOrEqual(9);
    for (const line of lines) {
      expect(line).toMatchObject({ status: 'loaded', reason: '' });
      expect(Object.keys(line)).toEqual(expect.arrayContaining(['file', 'id', 'title', 'status', 'reason', 'log_types']));
      expect((line.log_types as string[]).length).toBeGreaterThan(0);
    }
    expect(run.stderr).toMatch(/\d+ loaded, 0 refused/);
  });

  it('reports a refused rule with its reason and exits 1, still listing the loaded ones', () => {
    const dir = makeTempDir();
    cpSync(join(REPO_ROOT, 'rules', 'sigma', 'aws', 'aws_leave_organization.yml'), join(dir, 'ok.yml'));
    writeFileSync(
      join(dir, 'bad.yml'),
      'title: Uses placeholders\nid: bad-1\nlogsource:\n  product: aws\n  service: cloudtrail\ndetection:\n  sel:\n    sourceIPAddress|expand: "%office%"\n  condition: sel\n',
    );
    writeFileSync(join(dir, 'windows.yml'), 'title: Windows\nlogsource:\n  product: windows\n  category: process_creation\ndetection:\n  sel:\n    Image|endswith: \\cmd.exe\n  condition: sel\n');
    const run = runCli(['--json', 'rule', 'sigma', 'check', dir]);
    expect(run.code).toBe(1);
    const byTitle = Object.fromEntries(run.stdout.trim().split('\n').map((l) => JSON.parse(l) as { title: string }).map((l) => [l.title, l]));
    expect(byTitle['Uses placeholders']).toMatchObject({ id: 'bad-1', status: 'refused', reason: expect.stringMatching(/"expand" is not supported/) });
    expect(byTitle.Windows).toMatchObject({ status: 'refused', reason: expect.stringMatching(/maps to no configured log type/) });
    expect(byTitle['Account Left The AWS Organization']).toMatchObject({ status: 'loaded' });
    expect(run.stderr).toMatch(/1 loaded, 2 refused/);
  });

  it('refuses to package a rules folder holding a refused Sigma rule, naming the file and the reason', () => {
    const dir = makeTempDir();
    mkdirSync(join(dir, 'rules'));
    writeFileSync(join(dir, 'rules', 'agg.yml'), 'title: Aggregation\nlogsource:\n  product: aws\n  service: cloudtrail\ndetection:\n  sel:\n    eventName: X\n  condition: sel | count() > 5\n');
    const run = runCli(['--config', CONF, 'process', '--rules', join(dir, 'rules'), '-'], { input: '{}\n', cwd: dir });
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(/agg\.yml.*Sigma rule refused: .*aggregation/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('Sigma rules for log sources the configuration does not collect', () => {
  it('are left out of lambda test and process runs with a warning naming the file and the reason', () => {
    const dir = makeTempDir();
    const rules = join(dir, 'rules');
    mkdirSync(rules);
    cpSync(join(REPO_ROOT, 'rules', 'sigma', 'aws', 'aws_leave_organization.yml'), join(rules, 'aws_leave_organization.yml'));
    writeFileSync(join(rules, 'windows.yml'), 'title: Windows\nlogsource:\n  product: windows\n  category: process_creation\ndetection:\n  sel:\n    Image|endswith: \\cmd.exe\n  condition: sel\n');
    writeFileSync(join(dir, 'ct.json'), JSON.stringify({ Records: [cloudtrail('LeaveOrganization', 'organizations.amazonaws.com', 'e9')] }));
    const processed = runCli(['--config', CONF, 'process', '--rules', rules, 'ct.json'], { cwd: dir });
    expect(processed.code).toBe(0);
    expect(processed.stderr).toMatch(/windows\.yml: Sigma rule left out: logsource \(product: windows, category: process_creation\) maps to no configured log type/);
    expect(processed.stdout).toMatch(/aws_leave_organization/);
    const tested = runCli(['--config', CONF, 'lambda', 'test', '--no-typecheck', '--rules-dir', rules, join(REPO_ROOT, 'rules', 'sigma', 'aws', 'aws_leave_organization.json')]);
    expect(tested.code).not.toBe(2);
    expect(tested.stderr.match(/windows\.yml: Sigma rule left out/g)).toHaveLength(1);
  });
});

describe('process --rules with a folder of Sigma rules', () => {
  it('alerts on CloudTrail, Okta and GitHub records, and only on the matching ones', () => {
    const dir = makeTempDir();
    const rules = join(dir, 'rules');
    mkdirSync(rules);
    // Only the Sigma rules: the alerts below come from them alone.
    cpSync(join(REPO_ROOT, 'rules', 'sigma'), rules, { recursive: true, filter: (src) => !src.endsWith('.json') });
    writeFileSync(join(dir, 'ct.json'), JSON.stringify({ Records: [cloudtrail('StopLogging', 'cloudtrail.amazonaws.com', 'e1'), cloudtrail('GetObject', 's3.amazonaws.com', 'e2')] }));
    writeFileSync(join(dir, 'okta.jsonl'), [okta('user.mfa.factor.reset_all', 'u1'), okta('user.session.start', 'u2')].map((r) => JSON.stringify(r)).join('\n'));
    writeFileSync(join(dir, 'github.jsonl'), [github('repo.access', 'd1'), github('repo.create', 'd2')].map((r) => JSON.stringify(r)).join('\n'));
    const run = runCli(['--config', CONF, 'process', '--rules', rules, 'ct.json', 'okta.jsonl', 'github.jsonl'], { cwd: dir });
    expect(run.code).toBe(0);
    const alerts = run.stdout.trim().split('\n').map((l) => JSON.parse(l) as { rule_name: string; log_type: string; attack?: string[] });
    expect(alerts.map((a) => `${a.log_type} ${a.rule_name}`).sort()).toEqual([
      'cloudtrail:events aws_cloudtrail_logging_disabled',
      'github:audit github_repository_made_public',
      'okta:logevents okta_mfa_factor_reset_or_deactivated',
    ]);
    expect(alerts.find((a) => a.rule_name === 'aws_cloudtrail_logging_disabled')?.attack).toEqual(['T1562.008']);
  });
});
