/**
 * The packaged app bundle (the zip `lambda package --function apps` writes, its own index.js) run as Lambda
 * would, against loopback endpoints: a fake of SSM and Lambda Invoke through the real SDK (AWS_ENDPOINT_URL),
 * and the OneLogin API. Two scheduled runs: every event served is invoked once, and the state saved in SSM
 * carries the second run past what the first sent.
 */
import { execFile, execFileSync } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { packageFunctions, selectTargets } from '../../cli/package';
import { loadConfig } from '../../runtime/config';
import { oneloginSpec, startFakeSaas, type FakeSaas } from '../_helpers/fake-saas';
import { DEFAULT_CONF_DIR, REPO_ROOT } from '../_helpers/paths';
import { makeTempDir } from '../_helpers/temp-dir';

const NAME = 'acme_corp_onelogin_app';
let aws: Server;
let awsUrl: string;
let saas: FakeSaas;
let bundleDir: string;
const parameters = new Map<string, { value: string; type: string; keyId?: string }>();
const invocations: { path: string; query: string; body: string }[] = [];

beforeAll(async () => {
  aws = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const target = String(req.headers['x-amz-target'] ?? '');
      res.setHeader('content-type', 'application/x-amz-json-1.1');
      if (target === 'AmazonSSM.GetParameters') {
        const names: string[] = JSON.parse(body).Names;
        const found = names.filter((n) => parameters.has(n));
        res.end(JSON.stringify({ Parameters: found.map((n) => ({ Name: n, Value: parameters.get(n)?.value, Type: 'SecureString' })), InvalidParameters: names.filter((n) => !parameters.has(n)) }));
      } else if (target === 'AmazonSSM.PutParameter') {
        const input = JSON.parse(body);
        parameters.set(input.Name, { value: input.Value, type: input.Type, keyId: input.KeyId });
        res.end(JSON.stringify({ Version: 1 }));
      } else if (req.url?.startsWith('/2015-03-31/functions/')) {
        const [path, query] = (req.url ?? '').split('?');
        invocations.push({ path: path ?? '', query: query ?? '', body });
        res.writeHead(202, { 'content-type': 'application/json' });
        res.end('');
      } else {
        res.writeHead(400);
        res.end(JSON.stringify({ __type: 'UnknownOperation', message: target || req.url }));
      }
    });
  });
  await new Promise<void>((resolve) => aws.listen(0, '127.0.0.1', resolve));
  awsUrl = `http://127.0.0.1:${(aws.address() as AddressInfo).port}`;
  saas = await startFakeSaas();
  const config = loadConfig(DEFAULT_CONF_DIR);
  const outDir = makeTempDir();
  const targets = selectTargets(config, { function: 'apps' }).filter((t) => t.name === NAME);
  const [pkg] = await packageFunctions({ config, targets, rulesDir: join(REPO_ROOT, 'rules'), project: REPO_ROOT, outDir });
  bundleDir = makeTempDir();
  execFileSync('unzip', ['-q', pkg?.zipPath ?? '', '-d', bundleDir]);
}, 180_000);
afterAll(async () => {
  await new Promise((resolve) => aws.close(resolve));
  await saas.close();
});

/**
 * Runs the bundle's handler in a child process, as Lambda would with the function's environment (asynchronously:
 * the fakes answering it live in this process).
 */
async function invoke(): Promise<{ summary: Record<string, unknown>; stdout: string }> {
  const script = `require(${JSON.stringify(join(bundleDir, 'index.js'))}).handler({}, { functionName: ${JSON.stringify(NAME)}, getRemainingTimeInMillis: () => 60000 }).then((s) => console.log('SUMMARY ' + JSON.stringify(s)), (e) => { console.log('FAILED ' + e.message); process.exitCode = 1; });`;
  const stdout = await new Promise<string>((resolve, reject) => {
    execFile(process.execPath, ['-e', script], {
    encoding: 'utf8',
    env: {
      ...process.env,
      AWS_ENDPOINT_URL: awsUrl,
      AWS_REGION: 'us-west-2',
      AWS_ACCESS_KEY_ID: 'test',
      AWS_SECRET_ACCESS_KEY: 'test',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      APP_TYPE: 'onelogin_events',
      APP_NAME: NAME,
      APP_DESTINATION: 'acme_corp_streamalert_rules:production',
      APP_SSM_PREFIX: `/acme/streamalert/apps/${NAME}`,
      APP_KMS_KEY: 'alias/acme_streamalert',
      STREAMALERT_APP_ENDPOINT_URL: saas.url,
    },
  }, (err, out) => (err ? reject(err) : resolve(out)));
  });
  const line = stdout.split('\n').find((l) => l.startsWith('SUMMARY ')) ?? 'SUMMARY {}';
  return { summary: JSON.parse(line.slice('SUMMARY '.length)) as Record<string, unknown>, stdout };
}

describe('the packaged app bundle (process, SSM/Lambda/OneLogin on 127.0.0.1)', () => {
  it('invokes the rule processor alias once per event served, across two runs, saving its cursor in SSM', async () => {
    const spec = oneloginSpec();
    saas.use(spec);
    parameters.set(`/acme/streamalert/apps/${NAME}/auth`, { value: JSON.stringify(spec.auth), type: 'SecureString' });
    const first = saas.addEvents(5, Date.now() - 120_000);
    expect((await invoke()).summary).toMatchObject({ status: 'succeeded', logs_sent: 5 });
    const second = saas.addEvents(2, Date.now() - 1000, 100);
    const run2 = await invoke();
    expect(run2.summary).toMatchObject({ status: 'succeeded', logs_sent: 2 });
    expect(run2.stdout).not.toContain(spec.auth.client_secret);

    const sent = invocations.flatMap((i) => JSON.parse(i.body).Records[0].logs);
    expect(sent).toEqual([...first, ...second]);
    expect(invocations.every((i) => i.path === '/2015-03-31/functions/acme_corp_streamalert_rules/invocations' && i.query.includes('Qualifier=production'))).toBe(true);
    const state = parameters.get(`/acme/streamalert/apps/${NAME}/state`);
    expect(state).toMatchObject({ type: 'SecureString', keyId: 'alias/acme_streamalert' });
    expect(JSON.parse(state?.value ?? '{}')).toMatchObject({ current_state: 'succeeded' });
  });
});
