/** `config validate` checks regions against the AWS partitions' region lists, every bad one in the same run. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_CONF_DIR } from '../_helpers/paths';
import { runCli } from '../_helpers/run-cli';
import { copyToTempDir } from '../_helpers/temp-dir';

describe('config validate and regions', () => {
  it('refuses an account region and a cluster region that AWS does not have, both in one run (exit 3)', () => {
    const conf = copyToTempDir(DEFAULT_CONF_DIR);
    const path = join(conf, 'variables.json');
    const variables = JSON.parse(readFileSync(path, 'utf8'));
    variables.account.region = 'us-east-9';
    variables.clusters.corp.region = 'eu-nowhere-1';
    writeFileSync(path, JSON.stringify(variables, null, 2));
    const run = runCli(['--config', conf, 'config', 'validate']);
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/\/account\/region: is not a region of any AWS partition, got "us-east-9"\n\s+hint: did you mean "us-east-1"\?/);
    expect(run.stderr).toMatch(/\/clusters\/corp\/region: is not a region of any AWS partition, got "eu-nowhere-1"/);
  });
});
