/**
 * Alert delivery end to end, through the packaged bundles: the rule processor, alert merger and alert
 * processor zips that `lambda package` writes, each unzipped and its own index.js run in a Node process of its
 * own as Lambda would (AWS_LAMBDA_FUNCTION_NAME and the Terraform environment set). AWS is loopback only:
 * dynalite as the alerts table (AWS_ENDPOINT_URL_DYNAMODB), a fake SSM holding an output's properties
 * (AWS_ENDPOINT_URL_SSM), and one fake for S3, SNS, SQS, Firehose and Lambda Invoke (AWS_ENDPOINT_URL).
 * One Kinesis record alerts; the merger invokes the processor (the hop is the fake's recorded Invoke); the
 * processor sends to five outputs; the table is empty at the end.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { packageFunctions, selectTargets } from '../../cli/package';
import { loadConfig, type FunctionKind } from '../../runtime/config';
import { startDynalite, type Dynalite } from '../_helpers/dynalite';
import { startFakeAlertAws, type FakeAlertAws } from '../_helpers/fake-alert-aws';
import { startFakeSsm, type FakeSsm } from '../_helpers/fake-ssm';
import { DEFAULT_CONF_DIR, REPO_ROOT } from '../_helpers/paths';
import { copyToTempDir, makeTempDir } from '../_helpers/temp-dir';
import { readZip } from '../_helpers/zip-read';

const run = promisify(execFile);
const TABLE = 'acme_streamalert_alerts';
const STREAM_ARN = 'arn:aws:kinesis:us-east-1:123456789012:stream/acme_prod_streamalert';
const SINK_FUNCTION = 'arn:aws:lambda:us-east-1:123456789012:function:acme-alert-sink';
/**
 * The outputs. The queue is given by URL (outputs.json accepts a name or a URL): the SQS client sends to the
 * queue URL's own host whatever AWS_ENDPOINT_URL says, so a queue known by name would leave the loopback.
 */
const outputs = (fakeUrl: string) => ({
  'aws-s3': { archive: 'acme-alert-archive' },
  'aws-sns': { page: 'acme-pages' },
  'aws-sqs': { queue: `${fakeUrl}/123456789012/acme-alert-queue` },
  'aws-firehose': { hose: 'acme-alert-hose' },
  'aws-lambda-v2': ['sink'],
});
const RULE = `import { rule } from '../runtime/rules';

/** A root login on a bastion: the end-to-end test's rule. */
rule<'osquery:differential'>({
  logs: ['osquery:differential'],
  outputs: ['aws-s3:archive', 'aws-sns:page', 'aws-sqs:queue', 'aws-firehose:hose', 'aws-lambda-v2:sink'],
})(function e2e_root_login(record) {
  return (record.columns as { username?: string }).username === 'root';
});
`;

const kinesisEvent = (records: readonly unknown[]) => ({
  Records: records.map((record, i) => ({
    eventSource: 'aws:kinesis',
    eventSourceARN: STREAM_ARN,
    eventID: `shardId-000000000000:${i}`,
    awsRegion: 'us-east-1',
    kinesis: { partitionKey: 'p', sequenceNumber: String(i), data: Buffer.from(JSON.stringify(record)).toString('base64'), approximateArrivalTimestamp: 0 },
  })),
});
const osquery = (username: string) => ({
  name: 'pack_incident-response_last',
  hostIdentifier: 'bastion-1',
  calendarTime: 'Mon Jan  5 10:00:00 2026 UTC',
  unixTime: Math.floor(Date.now() / 1000),
  epoch: 0,
  counter: 1,
  decorations: { env: 'prod' },
  columns: { username, tty: 'pts/0', pid: '3321', type: '7', time: '1767607200', host: '203.0.113.9' },
  action: 'added',
});

let db: Dynalite;
let ssm: FakeSsm;
let aws: FakeAlertAws;
let rulesDir: string;
const functionDirs = new Map<FunctionKind, { dir: string; name: string }>();

/** Runs one unzipped bundle's handler on `event` in its own Node process; returns its log lines and result. */
async function invoke(kind: FunctionKind, event: unknown): Promise<{ logs: Record<string, unknown>[]; result: unknown }> {
  const { dir, name } = functionDirs.get(kind)!;
  const script = `require(${JSON.stringify(join(dir, 'index.js'))}).handler(JSON.parse(process.argv[1]), { awsRequestId: 'e2e' })
    .then((r) => process.stdout.write('@@result ' + JSON.stringify(r === undefined ? null : r) + '\\n'), (e) => { console.error(e); process.exit(1); });`;
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    AWS_LAMBDA_FUNCTION_NAME: name,
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    AWS_ENDPOINT_URL: aws.url,
    AWS_ENDPOINT_URL_DYNAMODB: db.endpoint,
    AWS_ENDPOINT_URL_SSM: ssm.url,
    // What Terraform sets (cli/terraform/modules/alert-*.ts, rule-processor.ts).
    LOG_LEVEL: 'info',
    ALERTS_TABLE: TABLE,
    ALERTS_BUCKET: 'acme-streamalert-data',
    ...(kind === 'rule' ? { CLUSTER: 'prod' } : {}),
    ...(kind === 'merger' ? { ALERT_PROCESSOR_FUNCTION: 'acme_streamalert_alert_processor:production' } : {}),
    ...(kind === 'alert' ? { OUTPUTS_SSM_PREFIX: '/acme/streamalert/outputs' } : {}),
  };
  const { stdout } = await run(process.execPath, ['-e', script, JSON.stringify(event)], { env, maxBuffer: 16 * 1024 * 1024 });
  const lines = stdout.split('\n').filter((l) => l !== '');
  const result = lines.find((l) => l.startsWith('@@result '));
  if (result === undefined) throw new Error(`${name} returned nothing; output:\n${stdout}`);
  const logs = lines.filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>);
  return { logs, result: JSON.parse(result.slice('@@result '.length)) };
}

const items = async () => (await db.client.send(new ScanCommand({ TableName: TABLE }))).Items ?? [];

beforeAll(async () => {
  [db, ssm, aws] = await Promise.all([startDynalite(), startFakeSsm(), startFakeAlertAws()]);
  await db.createAlertsTable(TABLE);
  ssm.parameters.set('/acme/streamalert/outputs/aws-lambda-v2/sink', {
    Name: '/acme/streamalert/outputs/aws-lambda-v2/sink',
    Type: 'SecureString',
    Value: JSON.stringify({ lambda_function_arn: SINK_FUNCTION }),
    Version: 1,
  });
  const conf = copyToTempDir(DEFAULT_CONF_DIR);
  writeFileSync(join(conf, 'outputs.json'), JSON.stringify(outputs(aws.url)));
  // Inside the repository, so that the rule imports the runtime as a user's rules/ folder does.
  rulesDir = mkdtempSync(join(REPO_ROOT, '.e2e-rules-'));
  writeFileSync(join(rulesDir, 'e2e_root_login.ts'), RULE);
  const config = loadConfig(conf);
  const targets = selectTargets(config, { cluster: 'prod' });
  const packages = await packageFunctions({ config, targets, rulesDir, project: REPO_ROOT, outDir: makeTempDir() });
  for (const pkg of packages) {
    const dir = makeTempDir('streamalert-e2e-fn-');
    for (const [file, data] of readZip(readFileSync(pkg.zipPath))) {
      mkdirSync(join(dir, file, '..'), { recursive: true });
      writeFileSync(join(dir, file), data);
    }
    functionDirs.set(pkg.target.kind, { dir, name: pkg.target.name });
  }
}, 240_000);

afterAll(async () => {
  rmSync(rulesDir, { recursive: true, force: true });
  await Promise.all([db?.stop(), ssm?.close(), aws?.close()]);
});

describe('alert delivery through the packaged bundles (dynalite, fake SSM and AWS on 127.0.0.1)', () => {
  it('stores the alert, dispatches it through the merger, sends it to every output once, and leaves only its tombstone', async () => {
    expect([...functionDirs.keys()].sort()).toEqual(['alert', 'merger', 'rule']);

    // 1. Rule processor: one of two records alerts; the alert is in the table before the invocation returns.
    const rule = await invoke('rule', kinesisEvent([osquery('root'), osquery('alice')]));
    expect(rule.result).toEqual(expect.objectContaining({ batchItemFailures: [] }));
    const stored = await items();
    expect(stored.map((i) => i.RuleName.S)).toEqual(['e2e_root_login']);
    const alertId = stored[0].AlertID.S;

    // 2. Merger: invokes the processor alias asynchronously with the alert, and says so in its summary line.
    const merger = await invoke('merger', {});
    const summary = merger.logs.find((l) => l.message === 'alert merger run');
    expect(summary).toEqual(expect.objectContaining({ dispatched: 1, dead_lettered: 0 }));
    const hops = aws.calls.filter((c) => c.service === 'lambda' && c.target.startsWith('acme_streamalert_alert_processor'));
    expect(hops.map((h) => [h.target, h.invocationType])).toEqual([['acme_streamalert_alert_processor:production', 'Event']]);

    // 3. Processor: the merger's payload, as Lambda would hand it over.
    const processor = await invoke('alert', JSON.parse(hops[0].body));
    expect(processor.logs.filter((l) => l.level !== 'INFO').map((l) => [l.output, l.error])).toEqual([]);
    expect(processor.logs.filter((l) => l.message === 'alert sent').map((l) => l.output).sort()).toEqual(
      ['aws-firehose:hose', 'aws-lambda-v2:sink', 'aws-s3:archive', 'aws-sns:page', 'aws-sqs:queue'],
    );
    const sent = (service: string) => aws.calls.filter((c) => c.service === service && c.body.includes(alertId!));
    expect(sent('s3').map((c) => c.target)).toEqual([expect.stringMatching(new RegExp(`^acme-alert-archive/alerts/dt=\\d{4}-\\d{2}-\\d{2}/e2e_root_login/${alertId}\\.json$`))]);
    expect(sent('sns').map((c) => c.target)).toEqual(['arn:aws:sns:us-east-1:123456789012:acme-pages']);
    expect(sent('sqs').map((c) => c.target)).toEqual([`${aws.url}/123456789012/acme-alert-queue`]);
    expect(sent('firehose').map((c) => c.target)).toEqual(['acme-alert-hose']);
    const sink = aws.calls.filter((c) => c.service === 'lambda' && c !== hops[0]);
    expect(sink.map((c) => [c.target, c.invocationType, c.body.includes('"username":"root"')])).toEqual([[SINK_FUNCTION, 'Event', true]]);
    // The output's properties came from SSM, decrypted, under the outputs prefix.
    expect(ssm.requests).toEqual([{ operation: 'GetParameter', body: { Name: '/acme/streamalert/outputs/aws-lambda-v2/sink', WithDecryption: true } }]);
    // Every output got the record that alerted, not the other one.
    for (const service of ['s3', 'sns', 'sqs', 'firehose']) expect([service, sent(service)[0].body.includes('"username":"root"')]).toEqual([service, true]);
    expect(aws.calls.some((c) => c.body.includes('"username":"alice"') && c.service !== 'firehose')).toBe(false);

    // 4. Every output has it: the processor left only the alert's tombstone (so a retried batch cannot store it
    // again), and another merger run finds nothing to do.
    expect((await items()).map((i) => [i.AlertID.S, i.Tombstone?.S, i.Alert])).toEqual([[alertId, 'delivered', undefined]]);
    const again = await invoke('merger', {});
    expect(again.logs.find((l) => l.message === 'alert merger run')).toEqual(expect.objectContaining({ dispatched: 0 }));
  }, 120_000);
});
