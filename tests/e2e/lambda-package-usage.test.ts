/** `lambda package|deploy --function X` for a function the configuration does not have: a usage error, not a silent exit 0. */
import { runCli } from '../_helpers/run-cli';

describe('lambda package and deploy of a function that is not configured', () => {
  it.each([
    [['lambda', 'package', '--function', 'threat_intel_downloader'], /--function threat_intel_downloader: no such function is configured/, /threat_intel\.json is enabled/],
    [['lambda', 'deploy', '--function', 'apps', '--cluster', 'prod', '--dry-run'], /--function apps --cluster prod: no such function is configured/, /streamalert_apps/],
  ])('streamalert %j says so and where it is switched on (exit 2)', (args, message, hint) => {
    const run = runCli(args);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).toMatch(hint);
  });
});
