/**
 * docs/first-deployment.md, run: every `streamalert` command of the walkthrough, in its order, as the built
 * CLI in its own process against loopback AWS (S3 and Lambda fake, SSM fake, dynalite as the alerts table, a
 * fake of the alert functions' AWS calls, and a recording HTTP server as Slack). Terraform itself is not run
 * (no binary here): its effect, the functions at version 1 behind `production`, is set up in the fake. The
 * test event is then read by the rule processor code that `lambda deploy` uploaded, and the alert travels
 * through the uploaded merger and alert processor to Slack. Then the rule processor is rolled back.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { startDynalite, type Dynalite } from '../_helpers/dynalite';
import { startFakeAlertAws, type FakeAlertAws } from '../_helpers/fake-alert-aws';
import { startFakeAws, type FakeAws } from '../_helpers/fake-aws';
import { fakeAwsEnv, runCliAsync } from '../_helpers/fake-aws-cli';
import { startFakeSsm, type FakeSsm } from '../_helpers/fake-ssm';
import { DEFAULT_CONF_DIR, REPO_ROOT } from '../_helpers/paths';
import { startRecordingServer, type RecordingServer } from '../_helpers/recording-server';
import { copyToTempDir, makeTempDir } from '../_helpers/temp-dir';
import { readZip } from '../_helpers/zip-read';

const execFileAsync = promisify(execFile);
// The walkthrough's example values: the prefix the user picks (the account stays AWS's documentation id, which
// the fake S3 owns).
const PREFIX = 'myorg';
const FUNCTIONS = {
  rule: `${PREFIX}_prod_streamalert_rules`,
  corp: `${PREFIX}_corp_streamalert_rules`,
  alert: `${PREFIX}_streamalert_alert_processor`,
  merger: `${PREFIX}_streamalert_alert_merger`,
};
const APPS = ['duo_auth', 'duo_admin', 'onelogin'].map((app) => `${PREFIX}_corp_${app}_app`);
const BOOTSTRAP_SHA = createHash('sha256').update('bootstrap.zip').digest('base64');
const SLACK_PATH = '/services/T000/B000/WALKTHROUGHSECRET';

let aws: FakeAws;
let ssm: FakeSsm;
let db: Dynalite;
let alertAws: FakeAlertAws;
let slack: RecordingServer;
let conf: string;
let rulesDir: string;

const env = (): NodeJS.ProcessEnv => ({ ...fakeAwsEnv(aws.url), AWS_ENDPOINT_URL_SSM: ssm.url });
const cli = (args: readonly string[], input?: string) => runCliAsync(['--config', conf, ...args], env(), input);

/** The code `lambda deploy` uploaded for the version `production` points at, unzipped. */
function deployedCode(fn: string): string {
  const { alias, versions } = aws.functions.get(fn)!;
  const sha = versions.get(Number(alias.version));
  const key = [...aws.objects.keys()].find((k) => k.startsWith(`${PREFIX}-streamalert-source/${fn}/`) && createHash('sha256').update(aws.objects.get(k)!).digest('base64') === sha);
  if (key === undefined) throw new Error(`no uploaded object of ${fn} matches version ${alias.version}`);
  const dir = makeTempDir('streamalert-walkthrough-fn-');
  for (const [file, data] of readZip(aws.objects.get(key)!)) {
    mkdirSync(join(dir, file, '..'), { recursive: true });
    writeFileSync(join(dir, file), data);
  }
  return dir;
}

/** Runs a deployed function's handler on `event` in its own Node process, with the environment Terraform sets. */
async function invoke(fn: string, extraEnv: NodeJS.ProcessEnv, event: unknown): Promise<{ logs: Record<string, unknown>[]; result: unknown }> {
  const dir = deployedCode(fn);
  try {
    const script = `require(${JSON.stringify(join(dir, 'index.js'))}).handler(JSON.parse(process.argv[1]), { awsRequestId: 'walkthrough' })
      .then((r) => process.stdout.write('@@result ' + JSON.stringify(r === undefined ? null : r) + '\\n'), (e) => { console.error(e); process.exit(1); });`;
    const { stdout } = await execFileAsync(process.execPath, ['-e', script, JSON.stringify(event)], {
      env: {
        PATH: process.env.PATH,
        AWS_LAMBDA_FUNCTION_NAME: fn,
        AWS_REGION: 'us-east-1',
        AWS_ACCESS_KEY_ID: 'test',
        AWS_SECRET_ACCESS_KEY: 'test',
        AWS_ENDPOINT_URL: alertAws.url,
        AWS_ENDPOINT_URL_DYNAMODB: db.endpoint,
        AWS_ENDPOINT_URL_SSM: ssm.url,
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
        LOG_LEVEL: 'info',
        ALERTS_TABLE: `${PREFIX}_streamalert_alerts`,
        ALERTS_BUCKET: `${PREFIX}-streamalert-data`,
        ...extraEnv,
      },
      maxBuffer: 16 * 1024 * 1024,
    });
    const lines = stdout.split('\n').filter((l) => l !== '');
    const result = lines.find((l) => l.startsWith('@@result '));
    if (result === undefined) throw new Error(`${fn} returned nothing; output:\n${stdout}`);
    return { logs: lines.filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>), result: JSON.parse(result.slice(9)) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

beforeAll(async () => {
  [aws, ssm, db, alertAws, slack] = await Promise.all([startFakeAws(), startFakeSsm(), startDynalite(), startFakeAlertAws(), startRecordingServer()]);
  conf = copyToTempDir(DEFAULT_CONF_DIR);
  // Rule files import the runtime by a relative path: the walkthrough's rules folder lives in the repository.
  rulesDir = mkdtempSync(join(REPO_ROOT, '.e2e-rules-'));
});
afterAll(async () => {
  rmSync(rulesDir, { recursive: true, force: true });
  await Promise.all([aws?.close(), ssm?.close(), db?.stop(), alertAws?.close(), slack?.close()]);
});

describe('docs/first-deployment.md, step by step (built CLI, loopback AWS)', () => {
  it('1. takes the prefix and account id in conf/, and the configuration validates', async () => {
    // The walkthrough's sed over variables.json and outputs.json.
    for (const file of ['variables.json', 'outputs.json']) {
      const path = join(conf, file);
      writeFileSync(path, readFileSync(path, 'utf8').replaceAll('acme', PREFIX));
    }
    const run = await cli(['config', 'validate']);
    expect(run.stderr).toContain('ok');
    expect(run.code).toBe(0);
  });

  it('2. terraform bootstrap creates the state bucket', async () => {
    const run = await cli(['terraform', 'bootstrap']);
    expect(run.code).toBe(0);
    expect(aws.buckets.has(`${PREFIX}-streamalert-terraform-state`)).toBe(true);
  });

  it('3. terraform generate writes what terraform plan and apply read', async () => {
    // Into a folder of the test's own (the walkthrough's `terraform/` of the repository is what the user gets).
    const dir = makeTempDir('streamalert-walkthrough-tf-');
    const run = await cli(['terraform', 'generate', '--dir', dir]);
    expect(run.code).toBe(0);
    expect(existsSync(join(dir, 'main.tf.json'))).toBe(true);
    expect(readFileSync(join(dir, 'main.tf.json'), 'utf8')).toContain(`${PREFIX}-streamalert-terraform-state`);
    // What `terraform apply` leaves: each function on the bootstrap code, version 1 behind `production`.
    for (const fn of [...Object.values(FUNCTIONS), ...APPS]) aws.addFunction(fn, { 1: BOOTSTRAP_SHA }, '1');
    await db.createAlertsTable(`${PREFIX}_streamalert_alerts`);
  });

  it('4. lambda deploy replaces the bootstrap code of every function', async () => {
    const run = await cli(['lambda', 'deploy', '--rules-dir', relative(REPO_ROOT, rulesDir)]);
    expect(run.stderr).toMatch(new RegExp(`${FUNCTIONS.rule}\\s+1\\s+2\\s+[0-9a-f]{12}\\s+deployed`));
    expect(run.code).toBe(0);
    for (const fn of [...Object.values(FUNCTIONS), ...APPS]) expect([fn, aws.functions.get(fn)!.alias.version]).toEqual([fn, '2']);
  }, 240_000);

  it('5. output set stores the Slack webhook in SSM and declares the output', async () => {
    const run = await cli(['output', 'set', 'slack', '--descriptor', 'security-alerts', '--from-stdin'], JSON.stringify({ url: `${slack.url}${SLACK_PATH}` }));
    expect(run.code).toBe(0);
    expect(ssm.parameters.get(`/${PREFIX}/streamalert/outputs/slack/security-alerts`)).toMatchObject({ Type: 'SecureString', KeyId: `alias/${PREFIX}_streamalert` });
    expect(run.stdout + run.stderr).not.toContain('WALKTHROUGHSECRET');
  });

  it('6. rule new writes a rule that sends to it, and its tests pass', async () => {
    const made = await cli(['rule', 'new', 'first_alert', '--log', 'osquery:differential', '--outputs', 'slack:security-alerts', '--dir', relative(REPO_ROOT, rulesDir)]);
    expect(made.code).toBe(0);
    const test = await cli(['lambda', 'test', '--rules-dir', relative(REPO_ROOT, rulesDir), join(relative(REPO_ROOT, rulesDir), 'first_alert.json')]);
    expect(test.stdout).toContain('2 passed, 0 failed');
    expect(test.code).toBe(0);
  }, 180_000);

  it('7. lambda deploy again publishes the rule processors with the rule', async () => {
    const run = await cli(['lambda', 'deploy', '--function', 'rule', '--rules-dir', relative(REPO_ROOT, rulesDir)]);
    expect(run.code).toBe(0);
    expect(aws.functions.get(FUNCTIONS.rule)!.alias.version).toBe('3');
  }, 240_000);

  it('8-9. a test event on the stream alerts, and the alert reaches Slack through the merger and the alert processor', async () => {
    // 8. The fixture's alerting event, as `aws kinesis put-record` puts it on the prod stream.
    const data = JSON.parse(readFileSync(join(rulesDir, 'first_alert.json'), 'utf8'))[0].data;
    const kinesis = {
      Records: [{
        eventSource: 'aws:kinesis',
        eventSourceARN: `arn:aws:kinesis:us-east-1:123456789012:stream/${PREFIX}_prod_streamalert`,
        eventID: 'shardId-000000000000:1',
        awsRegion: 'us-east-1',
        kinesis: { partitionKey: '1', sequenceNumber: '1', data: Buffer.from(JSON.stringify(data)).toString('base64'), approximateArrivalTimestamp: 0 },
      }],
    };
    const rule = await invoke(FUNCTIONS.rule, { CLUSTER: 'prod' }, kinesis);
    expect(rule.result).toEqual(expect.objectContaining({ batchItemFailures: [] }));
    const stored = (await db.client.send(new ScanCommand({ TableName: `${PREFIX}_streamalert_alerts` }))).Items ?? [];
    expect(stored.map((i) => i.RuleName.S)).toEqual(['first_alert']);

    // 9. The merger (every minute in AWS) hands it to the alert processor, which posts to Slack.
    const merger = await invoke(FUNCTIONS.merger, { ALERT_PROCESSOR_FUNCTION: `${FUNCTIONS.alert}:production` }, {});
    expect(merger.logs.find((l) => l.message === 'alert merger run')).toEqual(expect.objectContaining({ dispatched: 1 }));
    const hop = alertAws.calls.find((c) => c.service === 'lambda' && c.target === `${FUNCTIONS.alert}:production`);
    expect(hop).toBeDefined();
    const processor = await invoke(FUNCTIONS.alert, { OUTPUTS_SSM_PREFIX: `/${PREFIX}/streamalert/outputs` }, JSON.parse(hop!.body));
    expect(processor.logs.filter((l) => l.message === 'alert sent').map((l) => l.output)).toEqual(['slack:security-alerts']);
    expect(slack.requests.map((r) => r.path)).toEqual([SLACK_PATH]);
    expect(JSON.stringify(slack.requests[0].json)).toContain('first_alert');
    // Delivered: the alert's item is left as a tombstone (no alert body), so a retried batch never pages again.
    const after = (await db.client.send(new ScanCommand({ TableName: `${PREFIX}_streamalert_alerts` }))).Items ?? [];
    expect(after.map((i) => [i.RuleName.S, i.Tombstone?.S, i.Alert])).toEqual([['first_alert', 'delivered', undefined]]);
  }, 120_000);

  it('10. lambda rollback puts the rule processor back on the version before the rule', async () => {
    const run = await cli(['lambda', 'rollback', '--function', 'rule', '--cluster', 'prod']);
    expect(run.code).toBe(0);
    expect(aws.functions.get(FUNCTIONS.rule)!.alias.version).toBe('2');
  });
});
