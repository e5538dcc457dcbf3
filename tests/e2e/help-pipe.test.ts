/** `streamalert --help | head -1`: the command ends quietly when its reader closes the pipe. */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { REPO_ROOT } from '../_helpers/paths';

describe('help piped into head', () => {
  it.each([['--help'], ['rule --help']])('streamalert %s | head -1 prints one line and exits 0 without an EPIPE trace', (args) => {
    const cli = join(REPO_ROOT, 'bin', 'streamalert.js');
    const run = spawnSync('bash', ['-c', `set -o pipefail; "${process.execPath}" "${cli}" ${args} | head -1`], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    expect(run.stdout.trim().split('\n')).toHaveLength(1);
    expect(run.stdout).toMatch(/^Usage: streamalert/);
    expect(run.stderr).not.toMatch(/EPIPE/);
    expect(run.status).toBe(0);
  });
});
