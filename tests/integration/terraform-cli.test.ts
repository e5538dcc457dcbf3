/** `streamalert terraform ...` as a process: generation, configuration errors (exit 3), running terraform. */
import { chmodSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { REPO_ROOT } from '../_helpers/paths';
import { runCli } from '../_helpers/run-cli';
import { makeTempDir } from '../_helpers/temp-dir';
import { confWith, type Json } from '../unit/cli/terraform/helpers';

/** A stand-in `terraform` that records its arguments and working directory (and may complain on stderr). */
function fakeTerraform(exitCode = 0, stderr = ''): { bin: string; log: string } {
  const dir = makeTempDir();
  const log = join(dir, 'calls.log');
  const bin = join(dir, 'terraform');
  const complain = stderr ? `printf '%s\\n' ${JSON.stringify(stderr)} >&2\n` : '';
  writeFileSync(bin, `#!/bin/sh\necho "$(pwd) $*" >> "${log}"\n${complain}exit ${exitCode}\n`);
  chmodSync(bin, 0o755);
  return { bin, log };
}

describe('streamalert terraform (process)', () => {
  it('generates the bundled configuration into --dir', () => {
    const out = join(makeTempDir(), 'terraform');
    const run = runCli(['terraform', 'generate', '--dir', out]);
    expect(run.stderr).toMatch(/generated 4 file\(s\) in .*\(\d+ resources\): 4 changed/);
    expect(run.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['bootstrap.zip', 'corp.tf.json', 'main.tf.json', 'prod.tf.json']);
  });

  it('writes into ./terraform by default and nothing else into the working directory', () => {
    const cwd = makeTempDir();
    const run = runCli(['--config', confWith(), 'terraform', 'generate'], { cwd });
    expect(run.code).toBe(0);
    expect(readdirSync(cwd)).toEqual(['terraform']);
  });

  it('prints the result as JSON with --json', () => {
    const out = join(makeTempDir(), 'terraform');
    const run = runCli(['--json', 'terraform', 'generate', '--dir', out]);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual(expect.objectContaining({ files: ['bootstrap.zip', 'corp.tf.json', 'main.tf.json', 'prod.tf.json'], removed: [] }));
  });

  it.each<[string, (v: Json) => void, RegExp]>([
    ['an unknown module', (v) => (v.clusters.prod.modules.kinesis_stream = {}), /\/clusters\/prod\/modules\/kinesis_stream: unknown key "kinesis_stream"/],
    ['a bad shard count', (v) => (v.clusters.prod.modules.kinesis.streams.shards = 0), /\/clusters\/prod\/modules\/kinesis\/streams\/shards: must be >= 1, got 0/],
    ['a region without Firehose', (v) => (v.account.region = 'me-west-1'), /\/global\/firehose\/enabled: Firehose is not available in the account region "me-west-1"/],
    ['missing data_sources', (v) => delete v.clusters.corp.data_sources, /\/clusters\/corp\/data_sources: missing required key "data_sources"/],
    ['an s3_events bucket that is no data source', (v) => (v.clusters.prod.modules.s3_events['other.bucket'] = []), /\/clusters\/prod\/modules\/s3_events\/other.bucket: bucket "other.bucket" is not a data source/],
  ])('exits 3 on %s, naming the key', (_name, edit, message) => {
    const out = join(makeTempDir(), 'terraform');
    const run = runCli(['--config', confWith(edit), 'terraform', 'generate', '--dir', out]);
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/variables\.json/);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).not.toMatch(/\s+at \S+ \(/);
    expect(existsSync(out)).toBe(false);
  });

  it('loads no cdktf or provider module for other commands', () => {
    const script =
      "require('./dist/cli.js').main(['config', 'validate']).then((code) => {" +
      "process.stdout.write(JSON.stringify({ code, loaded: Object.keys(require.cache).filter((k) => /node_modules\\/(cdktf|@cdktf|constructs)\\//.test(k)).length }));" +
      '});';
    const run = spawnSync(process.execPath, ['-e', script], { cwd: REPO_ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    expect(JSON.parse(run.stdout)).toEqual({ code: 0, loaded: 0 });
  });

  it('lists the targets with their resource counts', () => {
    const run = runCli(['terraform', 'list-targets']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^global\t\d+ resource\(s\)$/m);
    expect(run.stdout).toMatch(/^prod\/kinesis\t3 resource\(s\)$/m);
    expect(run.stdout).toMatch(/^kinesis\t6 resource\(s\)$/m);
  });

  it('fails with exit 1 and a hint when terraform is not installed', () => {
    const out = join(makeTempDir(), 'terraform');
    const run = runCli(['terraform', 'plan', '--dir', out], { env: { STREAMALERT_TERRAFORM: join(out, 'no-such-terraform') } });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/terraform is not installed/);
    expect(run.stderr).toMatch(/hint: install Terraform/);
  });

  it('initializes once, then runs plan with -target for each resource of the module', () => {
    const out = join(makeTempDir(), 'terraform');
    const { bin, log } = fakeTerraform();
    const run = runCli(['terraform', 'plan', '--dir', out, '--target', 'prod/kinesis'], { env: { STREAMALERT_TERRAFORM: bin } });
    expect(run.code).toBe(0);
    const calls = readFileSync(log, 'utf8').trim().split('\n');
    expect(calls[0]).toBe(`${out} init -input=false`);
    expect(calls[1]).toBe(
      `${out} plan -input=false -target=aws_iam_role.prod_kinesis_logs_role -target=aws_iam_role_policy.prod_kinesis_logs_role_policy -target=aws_kinesis_stream.prod_kinesis`,
    );
  });

  it('passes -auto-approve to apply only when asked', () => {
    const out = join(makeTempDir(), 'terraform');
    const { bin, log } = fakeTerraform();
    const run = runCli(['terraform', 'apply', '--dir', out, '--auto-approve', '-t', 'global'], { env: { STREAMALERT_TERRAFORM: bin } });
    expect(run.code).toBe(0);
    expect(readFileSync(log, 'utf8')).toMatch(/ apply -input=false (-target=\S+ )+-auto-approve\n$/);
  });

  it('exits 1 when terraform fails', () => {
    const out = join(makeTempDir(), 'terraform');
    const { bin } = fakeTerraform(2);
    const run = runCli(['terraform', 'destroy', '--dir', out], { env: { STREAMALERT_TERRAFORM: bin } });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/terraform init failed \(exit code 2\)/);
    expect(run.stderr).toMatch(/hint: if the state bucket "acme-streamalert-terraform-state" does not exist yet, create it with `streamalert terraform bootstrap`/);
  });

  it('says the state bucket is missing and hints terraform bootstrap when terraform reports it', () => {
    const out = join(makeTempDir(), 'terraform');
    const { bin } = fakeTerraform(1, 'Error: Failed to get existing workspaces: S3 bucket "acme-streamalert-terraform-state" does not exist.');
    const run = runCli(['terraform', 'plan', '--dir', out], { env: { STREAMALERT_TERRAFORM: bin } });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/Failed to get existing workspaces/); // terraform's own words still reach the user
    expect(run.stderr).toMatch(/error: terraform init failed \(exit code 1\): the state bucket "acme-streamalert-terraform-state" does not exist/);
    expect(run.stderr).toMatch(/hint: create it with `streamalert terraform bootstrap`, then run this again/);
  });

  it('exits 2 on an unknown target, listing the known ones', () => {
    const out = join(makeTempDir(), 'terraform');
    const { bin } = fakeTerraform();
    const run = runCli(['terraform', 'plan', '--dir', out, '--target', 'kinesys'], { env: { STREAMALERT_TERRAFORM: bin } });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/unknown target "kinesys"/);
    expect(run.stderr).toMatch(/known: .*kinesis/);
  });
});
