/**
 * `streamalert process --rules` as the README writes it: the optional rules folder must not swallow the log
 * file, every summary names the rules loaded and the alerts, and a backtest that cannot alert says so.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../_helpers/paths';
import { runCli } from '../_helpers/run-cli';
import { makeTempDir } from '../_helpers/temp-dir';

const dir = makeTempDir('streamalert-backtest-');
const event = {
  eventVersion: '1.08',
  userIdentity: { type: 'Root', principalId: '123456789012', arn: 'arn:aws:iam::123456789012:root', accountId: '123456789012' },
  eventTime: '2026-01-01T00:00:00Z',
  eventSource: 'cloudtrail.amazonaws.com',
  eventName: 'StopLogging',
  awsRegion: 'us-east-1',
  sourceIPAddress: '198.51.100.7',
  userAgent: 'aws-cli',
  requestParameters: { name: 'trail' },
  responseElements: null,
  eventID: 'e1',
  eventType: 'AwsApiCall',
  recipientAccountId: '123456789012',
};
// CloudTrail as S3 holds it (one document), and as `jq -c '.Records[]'` writes it (flat JSON lines).
const trailFile = join(dir, 'trail.json');
writeFileSync(trailFile, JSON.stringify({ Records: [event] }));
const flatFile = join(dir, 'flat.jsonl');
writeFileSync(flatFile, `${JSON.stringify(event)}\n${JSON.stringify({ ...event, eventID: 'e2' })}\n`);
const logsDir = join(dir, 'logs');
mkdirSync(logsDir);
writeFileSync(join(logsDir, 'trail.json'), JSON.stringify({ Records: [event] }));
// Rule files import the runtime by a relative path: their folder lives in the repository.
const emptyRules = mkdtempSync(join(REPO_ROOT, '.e2e-rules-'));
afterAll(() => rmSync(emptyRules, { recursive: true, force: true }));
writeFileSync(
  join(emptyRules, 'off.ts'),
  "import { rule } from '../runtime/rules';\n\nrule({ logs: ['cloudtrail:events'], outputs: [], disabled: true })(function off_rule() {\n  return true;\n});\n",
);

describe('process --rules (backtesting)', () => {
  it.each([
    ['before the log file (the README form)', ['--rules', trailFile]],
    ['after the log file', [trailFile, '--rules']],
  ])('backtests rules/ when --rules comes %s, and the summary counts rules and alerts', (_how, args) => {
    const run = runCli(['process', ...args]);
    expect(run.stderr).not.toMatch(/ENOTDIR|dist\/cli\.js/);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/rules: \d+ loaded \(\d+ disabled\), [1-9]\d* alert\(s\)/);
    expect(run.stdout).toContain('"rule_name":"cloudtrail_critical_api_calls"');
  });

  it('refuses a rules folder that holds no rule file with a usage error (exit 2) instead of loading no rules', () => {
    const run = runCli(['process', '--rules', logsDir, trailFile]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`--rules ${logsDir}: this folder holds no rule files`);
    expect(run.stdout).toBe('');
  });

  it('warns that flat CloudTrail events miss the cloudtrail:events rules, naming their log type, the rules and the fix, in --json', () => {
    const run = runCli(['--json', 'process', '--rules', flatFile]);
    expect(run.code).toBe(0);
    const summary = JSON.parse(run.stdout.trim().split('\n').pop() ?? '{}').summary;
    expect(summary.counts.classified).toEqual({ 'cloudtrail:cloudwatch_logs': 2 });
    // Rules that read the flat shape (the Sigma rules) may alert; the community CloudTrail rules do not.
    expect(run.stdout).not.toContain('"rule_name":"cloudtrail_critical_api_calls"');
    expect(summary.rules.loaded).toBeGreaterThan(0);
    expect(summary.warnings).toEqual([expect.stringMatching(/^2 record\(s\) classified as cloudtrail:cloudwatch_logs, which \d+ rule\(s\) reading only cloudtrail:events never see \([^)]*cloudtrail_critical_api_calls/)]);
    expect(run.stderr).toContain("jq -c '{Records: [.]}'");
  });

  it('alerts on flat CloudTrail events wrapped as the warning says', () => {
    const wrapped = [event, { ...event, eventID: 'e2' }].map((e) => JSON.stringify({ Records: [e] })).join('\n');
    const run = runCli(['process', '--rules', '-'], { input: wrapped });
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/rules: \d+ loaded \(\d+ disabled\), [1-9]\d* alert\(s\)/);
    expect(run.stdout).toContain('"rule_name":"cloudtrail_critical_api_calls"');
    expect(run.stderr).not.toContain('warning');
  });

  it('warns when no rule is loaded and still says 0 alerts', () => {
    const run = runCli(['process', '--rules', emptyRules, trailFile]);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('rules: 0 loaded (1 disabled), 0 alert(s)');
    expect(run.stderr).toContain('warning: no rules loaded (1 disabled): the backtest cannot alert');
  });
});
