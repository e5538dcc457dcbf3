/**
 * One AWS error translation for every command: a command that meets missing credentials or an unreachable
 * endpoint says so in one line (exit 1), never "internal error ... please report this as a bug". And an output
 * can be tried before any AWS exists: `output test --from-stdin`.
 */
import { fakeAwsEnv, runCliAsync } from '../_helpers/fake-aws-cli';
import { DEFAULT_CONF_DIR } from '../_helpers/paths';
import { startRecordingServer, type RecordingServer } from '../_helpers/recording-server';
import { copyToTempDir } from '../_helpers/temp-dir';

// A loopback port nothing listens on.
const UNREACHABLE = 'http://127.0.0.1:9';
let http: RecordingServer;
let conf: string;

beforeAll(async () => {
  http = await startRecordingServer();
  conf = copyToTempDir(DEFAULT_CONF_DIR);
});
afterAll(() => http.close());

describe('AWS errors, whatever the command', () => {
  it.each([
    ['output set', ['output', 'set', 'slack', '--descriptor', 'new', '--from-stdin'], '{"url":"https://hooks.slack.com/services/T/B/X"}'],
    ['output delete', ['output', 'delete', 'slack:sample-channel'], undefined],
  ])('%s without credentials names the fix, exit 1', async (_name, args, input) => {
    const run = await runCliAsync(['--config', conf, ...args], fakeAwsEnv(UNREACHABLE, false), input);
    expect(run.stderr).toContain('error: no usable AWS credentials');
    expect(run.stderr).toContain('set AWS_PROFILE');
    expect(run.stderr).not.toMatch(/internal error|report this as a bug/);
    expect(run.code).toBe(1);
  });

  it.each([
    ['output set', ['output', 'set', 'slack', '--descriptor', 'new', '--from-stdin'], '{"url":"https://hooks.slack.com/services/T/B/X"}'],
    ['output delete', ['output', 'delete', 'slack:sample-channel'], undefined],
  ])('%s without network says AWS could not be reached, exit 1', async (_name, args, input) => {
    const run = await runCliAsync(['--config', conf, ...args], fakeAwsEnv(UNREACHABLE), input);
    expect(run.stderr).toContain('error: could not reach AWS (ECONNREFUSED');
    expect(run.stderr).not.toMatch(/internal error|report this as a bug/);
    expect(run.code).toBe(1);
  });
});

describe('output test --from-stdin', () => {
  it('sends the sample alert with the properties from stdin, without AWS and without declaring anything', async () => {
    const run = await runCliAsync(['--config', conf, 'output', 'test', 'slack:trying', '--from-stdin'], fakeAwsEnv(UNREACHABLE, false), JSON.stringify({ url: `${http.url}/services/T/B/TRY` }));
    expect(run.stderr).toMatch(/^ok: slack:trying: 1 message\(s\) posted/m);
    expect(run.code).toBe(0);
    expect(http.requests.map((r) => r.path)).toEqual(['/services/T/B/TRY']);
  });
});
