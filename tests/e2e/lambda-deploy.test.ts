/**
 * `lambda deploy` and `lambda rollback` end to end: the built CLI in its own process, the AWS SDK
 * pointed at a loopback fake of S3 and Lambda through AWS_ENDPOINT_URL, dummy credentials in env.
 */
import { createHash } from 'node:crypto';
import { FIXTURE_ENTRY, FIXTURE_RULES_DIR } from '../_helpers/bundle-fixture';
import { startFakeAws, type FakeAws } from '../_helpers/fake-aws';
import { fakeAwsEnv, runCliAsync } from '../_helpers/fake-aws-cli';
import { makeTempDir } from '../_helpers/temp-dir';

const FUNCTION = 'acme_prod_streamalert_rules';
const ALERT = 'acme_streamalert_alert_processor';
const MERGER = 'acme_streamalert_alert_merger';
const BUCKET = 'acme-streamalert-source';
const INITIAL_SHA = createHash('sha256').update('initial code').digest('base64');
let aws: FakeAws;

const fixture = ['--entry', FIXTURE_ENTRY, '--rules-dir', FIXTURE_RULES_DIR];
const deploy = (...extra: string[]) => runCliAsync(['lambda', 'deploy', '--function', 'rule', '--cluster', 'prod', ...fixture, ...extra], fakeAwsEnv(aws.url));
const rollback = (...extra: string[]) => runCliAsync(['lambda', 'rollback', '--function', 'rule', '--cluster', 'prod', ...extra], fakeAwsEnv(aws.url));

beforeAll(async () => {
  aws = await startFakeAws();
  aws.addFunction(FUNCTION, { 1: INITIAL_SHA }, '1');
  aws.addFunction(ALERT, { 1: INITIAL_SHA }, '1');
  aws.addFunction(MERGER, { 1: INITIAL_SHA }, '1');
});
afterAll(() => aws.close());

describe('streamalert lambda deploy then rollback (process, fake AWS on 127.0.0.1)', () => {
  it('deploys: uploads path-style to the source bucket, publishes version 2 and moves the alias', async () => {
    const run = await deploy();
    expect(run.stderr).not.toMatch(/NodeVersionSupportWarning|DeprecationWarning/);
    expect(run.code).toBe(0);
    const keys = [...aws.objects.keys()];
    expect(keys).toEqual([expect.stringMatching(new RegExp(`^${BUCKET}/${FUNCTION}/[0-9a-f]{64}\\.zip$`))]);
    const fn = aws.functions.get(FUNCTION)!;
    expect(fn.alias.version).toBe('2');
    expect(fn.versions.get(2)).toBe(createHash('sha256').update(aws.objects.get(keys[0])!).digest('base64'));
    expect(run.stderr).toMatch(new RegExp(`${FUNCTION}: wait: until LastUpdateStatus is Successful`));
    expect(run.stderr).toMatch(new RegExp(`${FUNCTION}\\s+1\\s+2\\s+[0-9a-f]{12}\\s+deployed`));
  });

  it('publishes nothing when deployed again with the same code, and says so', async () => {
    const before = aws.calls.length;
    const run = await deploy();
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/version 2 already runs this code; nothing published/);
    expect(aws.calls.slice(before)).toEqual(['GetAlias', 'GetFunctionConfiguration']);
  });

  it('rolls back to version 1, reading the versions page by page', async () => {
    const before = aws.calls.length;
    const run = await rollback('--json');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).functions).toEqual([
      expect.objectContaining({ function: FUNCTION, status: 'rolled back', from_version: '2', to_version: '1' }),
    ]);
    expect(aws.calls.slice(before).filter((c) => c === 'ListVersionsByFunction')).toHaveLength(2);
    expect(aws.functions.get(FUNCTION)!.alias.version).toBe('1');
  });

  it('refuses to roll back past the first version, exit 1', async () => {
    const run = await rollback();
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(new RegExp(`error: ${FUNCTION}: choose: version 1 is the first published version`));
    expect(aws.functions.get(FUNCTION)!.alias.version).toBe('1');
  });

  it('leaves the alias where it was when a step fails, naming function, step and AWS error (exit 1)', async () => {
    aws.faults.set('PublishVersion', { status: 429, type: 'TooManyRequestsException', message: 'Rate exceeded' });
    try {
      const run = await deploy();
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(new RegExp(`${FUNCTION}: upload: already in the bucket, skipped`));
      expect(run.stderr).toMatch(new RegExp(`error: ${FUNCTION}: publish: TooManyRequestsException: Rate exceeded \\(alias unchanged, still version 1\\)`));
      expect(aws.functions.get(FUNCTION)!.alias.version).toBe('1');
    } finally {
      aws.faults.clear();
    }
  });

  it('redeploys, then rolls back with --to', async () => {
    expect((await deploy()).code).toBe(0);
    expect(aws.functions.get(FUNCTION)!.alias.version).toBe('2');
    const run = await rollback('--to', '1');
    expect(run.code).toBe(0);
    expect(aws.functions.get(FUNCTION)!.alias.version).toBe('1');
  });

  it('deploys the global alert processor and merger beside the rule processor, and rolls one of them back alone', async () => {
    const run = await runCliAsync(['lambda', 'deploy', '--cluster', 'prod', ...fixture, '--json'], fakeAwsEnv(aws.url));
    expect(run.code).toBe(0);
    const deployed = JSON.parse(run.stdout).functions.map((f: { function: string; cluster: string; status: string }) => [f.function, f.cluster, f.status]);
    expect(deployed).toEqual([
      [FUNCTION, 'prod', 'deployed'],
      [ALERT, 'global', 'deployed'],
      [MERGER, 'global', 'deployed'],
    ]);
    for (const name of [ALERT, MERGER]) {
      expect([name, aws.functions.get(name)!.alias.version]).toEqual([name, '2']);
      expect([...aws.objects.keys()]).toContainEqual(expect.stringMatching(new RegExp(`^${BUCKET}/${name}/[0-9a-f]{64}\\.zip$`)));
    }
    const back = await runCliAsync(['lambda', 'rollback', '--function', 'merger', '--json'], fakeAwsEnv(aws.url));
    expect(back.code).toBe(0);
    expect(JSON.parse(back.stdout).functions).toEqual([expect.objectContaining({ function: MERGER, status: 'rolled back', from_version: '2', to_version: '1' })]);
    expect([aws.functions.get(MERGER)!.alias.version, aws.functions.get(ALERT)!.alias.version]).toEqual(['1', '2']);
  });

  it('says in one line that there are no credentials, without a stack trace', async () => {
    const run = await runCliAsync(['lambda', 'rollback', '--cluster', 'prod'], fakeAwsEnv(aws.url, false));
    expect(run.code).toBe(1);
    const errors = run.stderr.split('\n').filter((line) => line.startsWith('error:'));
    expect(errors).toEqual([expect.stringMatching(/^error: no usable AWS credentials \(CredentialsProviderError: .*\): set AWS_PROFILE/)]);
    expect(run.stderr).not.toMatch(/\s+at \S+ \(/);
  });

  it('prints the plan without calling AWS with --dry-run', async () => {
    const before = aws.calls.length;
    const run = await deploy('--dry-run', '--json');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual(expect.objectContaining({ ok: true, dry_run: true }));
    expect(aws.calls.length).toBe(before);
  });

  it('is a usage error (exit 2) to name an unknown function or cluster', async () => {
    const run = await runCliAsync(['lambda', 'rollback', '--function', 'alerts'], fakeAwsEnv(aws.url));
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/unknown function "alerts"; valid: rule, alert, merger, rule_promotion, threat_intel_downloader, apps, scheduled_queries, all/);
  });
});

describe('streamalert lambda package (process)', () => {
  it('prints each package size and hash, identical over two runs', async () => {
    const out = makeTempDir();
    const args = ['lambda', 'package', ...fixture, '--out-dir', out];
    const [first, second] = [await runCliAsync(args), await runCliAsync(args)];
    expect(first.code).toBe(0);
    const lines = (text: string) => text.split('\n').filter((l) => /sha256 [0-9a-f]{64}/.test(l));
    // Every function of the bundled conf/: rule processors, alert processor and merger, and the apps.
    const names = lines(first.stderr).map((l) => l.split(':')[0]);
    expect(names).toEqual(expect.arrayContaining(['acme_prod_streamalert_rules', 'acme_corp_streamalert_rules', 'acme_streamalert_alert_processor', 'acme_streamalert_alert_merger']));
    expect(lines(first.stderr)).toEqual(lines(second.stderr));
    expect(first.stderr).toMatch(/acme_corp_streamalert_rules: \S+acme_corp_streamalert_rules\.zip [\d.]+ KiB sha256 [0-9a-f]{64}/);
    expect(first.stderr).toMatch(/acme_streamalert_alert_merger: \S+acme_streamalert_alert_merger\.zip [\d.]+ KiB sha256 [0-9a-f]{64}/);
  });
});
