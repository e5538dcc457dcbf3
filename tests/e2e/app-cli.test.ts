/**
 * `streamalert app new|run` as a user runs them: the built CLI in its own process, credentials given at the
 * prompt (scripted lines) or as JSON on stdin, SSM a loopback fake that records what it is asked, the SaaS API
 * a loopback server. Secrets must appear in no output.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fakeAwsEnv, runCliAsync } from '../_helpers/fake-aws-cli';
import { oneloginSpec, startFakeSaas, type FakeSaas } from '../_helpers/fake-saas';
import { DEFAULT_CONF_DIR } from '../_helpers/paths';
import { copyToTempDir } from '../_helpers/temp-dir';

interface SsmCall {
  readonly target: string;
  readonly body: Record<string, unknown>;
}

let ssm: Server;
let ssmUrl: string;
const ssmCalls: SsmCall[] = [];
let saas: FakeSaas;

beforeAll(async () => {
  ssm = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      ssmCalls.push({ target: String(req.headers['x-amz-target']), body: JSON.parse(body || '{}') });
      res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' });
      res.end(JSON.stringify({ Version: 1, Tier: 'Standard' }));
    });
  });
  await new Promise<void>((resolve) => ssm.listen(0, '127.0.0.1', resolve));
  ssmUrl = `http://127.0.0.1:${(ssm.address() as AddressInfo).port}`;
  saas = await startFakeSaas();
});
afterAll(async () => {
  await new Promise((resolve) => ssm.close(resolve));
  await saas.close();
});
beforeEach(() => {
  ssmCalls.length = 0;
});

const SECRET = 'b'.repeat(40);
const env = (): NodeJS.ProcessEnv => ({ ...fakeAwsEnv(ssmUrl), AWS_ENDPOINT_URL_SSM: ssmUrl });

describe('streamalert app new (process, SSM on 127.0.0.1)', () => {
  it('asks for each credential, stores them as one SecureString with the project key, and adds the app to the cluster', async () => {
    const conf = copyToTempDir(DEFAULT_CONF_DIR);
    const lines = ['api-0123abcd.duosecurity.com', 'DIABCDEFGHIJKLMN9876', SECRET, ''].join('\n');
    const run = await runCliAsync(['--config', conf, 'app', 'new', 'duo_auth', '--cluster', 'corp', '--name', 'duo_eu', '--interval', 'rate(5 minutes)'], env(), lines);
    expect(run.stderr).not.toContain(SECRET);
    expect(run.stdout).not.toContain(SECRET);
    expect(run.code).toBe(0);
    expect(ssmCalls).toHaveLength(1);
    expect(ssmCalls[0]).toEqual({
      target: 'AmazonSSM.PutParameter',
      body: expect.objectContaining({ Name: '/acme/streamalert/apps/acme_corp_duo_eu_app/auth', Type: 'SecureString', KeyId: 'alias/acme_streamalert', Overwrite: false }),
    });
    expect(JSON.parse(String(ssmCalls[0]?.body.Value))).toEqual({ api_hostname: 'api-0123abcd.duosecurity.com', integration_key: 'DIABCDEFGHIJKLMN9876', secret_key: SECRET });
    const variables = JSON.parse(readFileSync(join(conf, 'variables.json'), 'utf8'));
    expect(variables.clusters.corp.modules.streamalert_apps.acme_corp_duo_eu_app).toEqual({ app_name: 'duo_eu', type: 'duo_auth', schedule_expression: 'rate(5 minutes)' });
    expect(variables.clusters.corp.data_sources.streamalert_app.acme_corp_duo_eu_app).toEqual(['duo']);
    expect(JSON.stringify(variables)).not.toContain(SECRET);
  });

  it('takes the credentials as JSON on stdin', async () => {
    const conf = copyToTempDir(DEFAULT_CONF_DIR);
    const input = JSON.stringify({ region: 'us', client_id: 'id-1', client_secret: SECRET });
    const run = await runCliAsync(['--config', conf, 'app', 'new', 'onelogin_events', '--cluster', 'corp', '--name', 'onelogin2', '--from-stdin'], env(), input);
    expect(run.code).toBe(0);
    expect(JSON.parse(String(ssmCalls[0]?.body.Value))).toEqual({ region: 'us', client_id: 'id-1', client_secret: SECRET });
  });

  it('refuses credentials that do not fit, naming the property and writing nothing', async () => {
    const conf = copyToTempDir(DEFAULT_CONF_DIR);
    const before = readFileSync(join(conf, 'variables.json'), 'utf8');
    const lines = ['api-0123abcd.duosecurity.com', 'DIABCDEFGHIJKLMN9876', 'not-forty-characters-but-secret', ''].join('\n');
    const run = await runCliAsync(['--config', conf, 'app', 'new', 'duo_auth', '--cluster', 'corp', '--name', 'duo_bad'], env(), lines);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/"secret_key" does not look like/);
    expect(run.stderr + run.stdout).not.toContain('not-forty-characters-but-secret');
    expect(ssmCalls).toHaveLength(0);
    expect(readFileSync(join(conf, 'variables.json'), 'utf8')).toBe(before);
  });

  it('refuses an app whose service has no schema in the configuration, before asking anything', async () => {
    const conf = copyToTempDir(DEFAULT_CONF_DIR);
    const run = await runCliAsync(['--config', conf, 'app', 'new', 'intercom_admin_activity_logs', '--cluster', 'corp', '--name', 'intercom'], env(), '');
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/intercom/);
    expect(ssmCalls).toHaveLength(0);
  });
});

describe('streamalert app auth (process, SSM on 127.0.0.1)', () => {
  it("replaces a configured app's credentials at its own parameter", async () => {
    const input = JSON.stringify({ region: 'us', client_id: 'id-2', client_secret: SECRET });
    const run = await runCliAsync(['app', 'auth', 'acme_corp_onelogin_app', '--from-stdin'], env(), input);
    expect(run.code).toBe(0);
    expect(ssmCalls[0]?.body).toEqual(expect.objectContaining({ Name: '/acme/streamalert/apps/acme_corp_onelogin_app/auth', Type: 'SecureString', Overwrite: true }));
    expect(run.stderr + run.stdout).not.toContain(SECRET);
  });
});

describe('streamalert app run (process, SaaS API on 127.0.0.1)', () => {
  it('prints every log the API serves, in order, and sends nothing', async () => {
    const spec = oneloginSpec();
    saas.use(spec);
    const events = saas.addEvents(7, Date.now() - 60_000);
    const run = await runCliAsync(['app', 'run', 'acme_corp_onelogin_app', '--from-stdin', '--endpoint-url', saas.url], env(), JSON.stringify(spec.auth));
    expect(run.code).toBe(0);
    expect(run.stdout.trim().split('\n').map((line) => JSON.parse(line))).toEqual(events);
    expect(run.stderr).toMatch(/acme_corp_onelogin_app: 3 poll\(s\), 7 log\(s\) gathered, 7 printed/);
    expect(run.stderr + run.stdout).not.toContain(spec.auth.client_secret);
    expect(ssmCalls).toHaveLength(0);
  });
});
