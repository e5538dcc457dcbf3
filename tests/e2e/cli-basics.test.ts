import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_CONF_DIR } from '../_helpers/paths';
import { runCli } from '../_helpers/run-cli';
import { copyToTempDir } from '../_helpers/temp-dir';

describe('streamalert (process)', () => {
  it('prints help with the commands and exit codes', () => {
    const run = runCli(['--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Usage: streamalert/);
    expect(run.stdout).toMatch(/config\s+check and import configuration/);
    expect(run.stdout).toMatch(/Exit codes: 0 ok/);
  });

  it('exits 2 on an unknown command', () => {
    const run = runCli(['frobnicate']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/unknown command 'frobnicate'/);
  });

  it('validates the bundled configuration', () => {
    const run = runCli(['config', 'validate']);
    expect(run.stderr).toMatch(/^ok: 2 cluster\(s\) \(prod, corp\)/);
    expect(run.code).toBe(0);
  });

  it('prints the validation result as JSON with --json', () => {
    const run = runCli(['--json', 'config', 'validate']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual(expect.objectContaining({ ok: true, clusters: ['prod', 'corp'] }));
  });

  it('exits 3 on an invalid configuration, naming file, pointer and value, without a stack trace', () => {
    const dir = copyToTempDir(DEFAULT_CONF_DIR);
    writeFileSync(join(dir, 'outputs.json'), JSON.stringify({ slack: 'not-a-list' }));
    const run = runCli(['--config', dir, 'config', 'validate']);
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/outputs\.json: \/slack: .*got "not-a-list"/);
    expect(run.stderr).not.toMatch(/\s+at \S+ \(/);
  });
});
