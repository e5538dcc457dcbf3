import { readdirSync } from 'node:fs';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CORPUS_DIR, DEFAULT_CONF_DIR } from '../_helpers/paths';
import { runCli } from '../_helpers/run-cli';
import { copyToTempDir, makeTempDir } from '../_helpers/temp-dir';
import { itWithCorpus } from '../_helpers/corpus';

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

  itWithCorpus('imports a StreamAlert configuration, then validates it', () => {
    const to = join(makeTempDir(), 'conf');
    const from = join(CORPUS_DIR, 'config', 'v3.5.0', 'conf');
    const run = runCli(['config', 'import', '--from', from, '--to', to, '--account-id', '123456789012', '--prefix', 'acme']);
    expect(run.stderr).toMatch(/imported StreamAlert v3 configuration: 1 cluster\(s\) \(prod\), 18 schema file\(s\)/);
    expect(run.stderr).not.toMatch(/(threat_intel|lookup_tables|normalized_types)\.json not imported/);
    expect(readdirSync(to)).toEqual(expect.arrayContaining(['lookup_tables.json', 'threat_intel.json', 'normalized_types.json']));
    expect(run.code).toBe(0);
    expect(runCli(['--config', to, 'config', 'validate']).code).toBe(0);
  });

  it('exits 2 when a required import option is missing', () => {
    const run = runCli(['config', 'import', '--to', makeTempDir()]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/required option '--from <dir>' not specified/);
  });
});
