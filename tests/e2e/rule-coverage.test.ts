/** `streamalert rule coverage` over the bundled rules, as a user runs it. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../_helpers/run-cli';
import { makeTempDir } from '../_helpers/temp-dir';

/** The behaviours of issue 22 and the techniques they are detected as. */
const REQUIRED: Readonly<Record<string, string>> = {
  'Secrets Manager and SSM SecureString reads in bulk': 'T1555.006',
  'EC2 GetPasswordData attempts, instance credentials used elsewhere': 'T1552',
  'instance credentials used from outside their instance': 'T1552.005',
  'CloudTrail stopped, deleted or narrowed; flow and resolver logs deleted': 'T1562.008',
  'GuardDuty or Security Hub disabled': 'T1562.001',
  'leaving the organization': 'T1562',
  'instance user data downloaded': 'T1580',
  'SSM SendCommand across instances, sessions started': 'T1651',
  'instance user data modified': 'T1059.009',
  'unusual instance types launched': 'T1496.001',
  'AMIs, EBS or RDS snapshots shared': 'T1537',
  'a security group opened to the world': 'T1562.007',
  'access keys, login profiles, Roles Anywhere trust anchors': 'T1098.001',
  'admin users, backdoor roles': 'T1098.003',
  'Lambda permission and layer changes that let outsiders in': 'T1648',
  'STS federation tokens, console login without MFA, root use': 'T1078.004',
  'policy versions set as default': 'T1484',
  'EC2 Instance Connect and serial console SSH keys': 'T1021.004',
  'Bedrock invocation from unusual principals': 'T1496.004',
  'Okta MFA reset, Google 2SV disabled': 'T1556.006',
  'Okta policy weakened': 'T1556.009',
  'Okta brute force': 'T1110.001',
  'GitHub many clones': 'T1213.003',
  'GitHub repository made public': 'T1567.001',
  'Google Workspace external forwarding': 'T1114.003',
  'Duo push fatigue': 'T1621',
};

describe('streamalert rule coverage', () => {
  const dir = makeTempDir();
  const navigator = join(dir, 'layer.json');
  const run = runCli(['--json', 'rule', 'coverage', '--navigator', navigator]);
  const lines = run.stdout.trim().split('\n').map((l) => JSON.parse(l) as { technique: string; tactic: string; rules: string[]; log_types: string[] });

  it('prints one object per technique with its tactic, rules and log types', () => {
    expect(run.code).toBe(0);
    for (const line of lines) {
      expect(Object.keys(line)).toEqual(expect.arrayContaining(['technique', 'tactic', 'rules', 'log_types']));
      expect(line.rules.length).toBeGreaterThan(0);
      expect(line.tactic).not.toBe('unknown');
    }
  });

  it.each(Object.entries(REQUIRED))('covers %s (%s) with at least one rule', (_behaviour, technique) => {
    expect(lines.find((l) => l.technique === technique)?.rules.length ?? 0).toBeGreaterThan(0);
  });

  it('writes an ATT&CK Navigator layer (format 4.5) naming every covered technique', () => {
    const layer = JSON.parse(readFileSync(navigator, 'utf8')) as { versions: { layer: string }; domain: string; techniques: { techniqueID: string; tactic: string; score: number }[] };
    expect(layer.versions.layer).toBe('4.5');
    expect(layer.domain).toBe('enterprise-attack');
    expect(new Set(layer.techniques.map((t) => t.techniqueID))).toEqual(new Set(lines.map((l) => l.technique)));
    expect(layer.techniques.every((t) => t.score > 0 && t.tactic !== '')).toBe(true);
  });

  it('prints tactics, techniques and log types as text without --json', () => {
    const text = runCli(['rule', 'coverage']);
    expect(text.code).toBe(0);
    expect(text.stderr).toMatch(/ATT&CK coverage of \d+ enabled rules: \d+ techniques in \d+ tactics/);
    expect(text.stderr).toMatch(/credential-access\n\s+T1110\.001\s+Brute Force: Password Guessing: okta_sign_in_brute_force/);
    expect(text.stderr).toMatch(/by log type\n\s+cloudtrail:/);
  });
});
