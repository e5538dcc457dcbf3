/**
 * `streamalert output` from the built CLI: `set --from-stdin` writes a SecureString to a loopback SSM,
 * `test` reads it back through the alert processor's delivery code and posts to a loopback HTTP server.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startFakeSsm, type FakeSsm } from '../_helpers/fake-ssm';
import { DEFAULT_CONF_DIR } from '../_helpers/paths';
import { startRecordingServer, type RecordingServer } from '../_helpers/recording-server';
import { runCliAsync } from '../_helpers/run-cli-async';
import { copyToTempDir } from '../_helpers/temp-dir';

const SECRET = 'T000/B000/E2ESECRETWEBHOOKPATH';
let ssm: FakeSsm;
let http: RecordingServer;
let conf: string;
let env: Record<string, string>;

beforeAll(async () => {
  [ssm, http] = await Promise.all([startFakeSsm(), startRecordingServer()]);
  conf = copyToTempDir(DEFAULT_CONF_DIR);
  env = { AWS_ENDPOINT_URL: ssm.url, AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test', AWS_REGION: 'us-east-1' };
});
afterAll(async () => Promise.all([ssm.close(), http.close()]));

describe('streamalert output (built CLI)', () => {
  it('sets a descriptor from stdin, tests it against the loopback webhook, and never prints the secret', async () => {
    const url = `${http.url}/services/${SECRET}`;
    const set = await runCliAsync(['--config', conf, 'output', 'set', 'slack', '--descriptor', 'e2e', '--from-stdin'], { env, input: JSON.stringify({ url }) });
    expect(set.stderr).toContain('stored 1 property of slack:e2e in SSM /acme/streamalert/outputs/slack/e2e (SecureString)');
    expect(set.code).toBe(0);
    expect(ssm.requests.find((r) => r.operation === 'PutParameter')?.body).toMatchObject({
      Name: '/acme/streamalert/outputs/slack/e2e',
      Type: 'SecureString',
      KeyId: 'alias/acme_streamalert',
    });
    expect(JSON.parse(readFileSync(join(conf, 'outputs.json'), 'utf8')).slack).toContain('e2e');

    const test = await runCliAsync(['--config', conf, 'output', 'test', 'slack:e2e'], { env });
    expect(test.stderr).toMatch(/^ok: slack:e2e: 1 message\(s\) posted/m);
    expect(test.code).toBe(0);
    expect(http.requests).toHaveLength(1);
    expect(http.requests[0].path).toBe(`/services/${SECRET}`);
    expect(http.requests[0].json).toMatchObject({ text: '*StreamAlert Rule Triggered: streamalert_output_test*' });
    expect(ssm.requests.find((r) => r.operation === 'GetParameter')?.body).toMatchObject({ Name: '/acme/streamalert/outputs/slack/e2e', WithDecryption: true });

    const list = await runCliAsync(['--config', conf, '--json', 'output', 'list'], { env });
    expect(list.code).toBe(0);
    expect(JSON.parse(list.stdout).outputs).toContainEqual({ service: 'slack', descriptors: ['security-alerts', 'sample-channel', 'e2e'], known: true });
    for (const run of [set, test, list]) expect(run.stdout + run.stderr).not.toContain('E2ESECRET');
  });

  it('prints a permanent failure and exits 1 without the secret', async () => {
    http.reset();
    http.queue({ status: 403, body: `invalid_token for ${SECRET}` });
    const test = await runCliAsync(['--config', conf, 'output', 'test', 'slack:e2e'], { env });
    expect(test.code).toBe(1);
    expect(test.stderr).toMatch(/error: slack:e2e failed \(permanent\): .*HTTP 403: invalid_token for T000\/B000\/\*\*\*/);
    expect(test.stdout + test.stderr).not.toContain('E2ESECRET');
  });

  it('reports an output that outputs.json does not declare', async () => {
    const test = await runCliAsync(['--config', conf, 'output', 'test', 'slack:nowhere'], { env });
    expect(test.code).toBe(1);
    expect(test.stderr).toContain('slack:nowhere');
  });
});
