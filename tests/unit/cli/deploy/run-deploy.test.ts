import {
  GetAliasCommand,
  GetFunctionCommand,
  GetFunctionConfigurationCommand,
  LambdaClient,
  ListVersionsByFunctionCommand,
  PublishVersionCommand,
  UpdateAliasCommand,
  UpdateFunctionCodeCommand,
} from '@aws-sdk/client-lambda';
import { HeadObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { AwsCredentialsError } from '../../../../cli/aws';
import { runDeploy, runRollback } from '../../../../cli/deploy';
import { UsageError } from '../../../../runtime/errors';
import { FIXTURE_ENTRY, FIXTURE_RULES_DIR } from '../../../_helpers/bundle-fixture';
import { DEFAULT_CONF_DIR } from '../../../_helpers/paths';
import { makeTempDir } from '../../../_helpers/temp-dir';
import { awsError } from './fixtures';
import { captureContext } from './test-context';

const lambda = mockClient(LambdaClient);
const s3 = mockClient(S3Client);
const PROD = 'acme_prod_streamalert_rules';
const CORP = 'acme_corp_streamalert_rules';
const ALERT = 'acme_streamalert_alert_processor';
const MERGER = 'acme_streamalert_alert_merger';
const packaging = () => ({ entry: FIXTURE_ENTRY, rulesDir: FIXTURE_RULES_DIR, outDir: makeTempDir() });
const deps = { wait: { delayMs: 0, timeoutMs: 1000 } };

beforeEach(() => {
  lambda.reset();
  s3.reset();
  lambda.on(GetAliasCommand).resolves({ FunctionVersion: '2', RevisionId: 'rev' });
  lambda.on(GetFunctionConfigurationCommand).resolves({ CodeSha256: 'older' });
  s3.on(HeadObjectCommand).rejects(awsError('NotFound', 'NotFound', 404));
  s3.on(PutObjectCommand).resolves({});
  lambda.on(UpdateFunctionCodeCommand).resolves({});
  lambda.on(GetFunctionCommand).resolves({ Configuration: { LastUpdateStatus: 'Successful' } });
  lambda.on(PublishVersionCommand).resolves({ Version: '3' });
  lambda.on(UpdateAliasCommand).resolves({});
  lambda.on(ListVersionsByFunctionCommand).resolves({ Versions: [{ Version: '$LATEST' }, { Version: '1' }, { Version: '2' }] });
});

describe('runDeploy', () => {
  it('deploys the other functions (rule processors, alert processor, alert merger) when one fails, names function, step and error, and exits 1', async () => {
    lambda.on(PublishVersionCommand, { FunctionName: PROD }).rejects(awsError('ServiceException', 'internal failure', 500));
    const { ctx, stderr } = captureContext(DEFAULT_CONF_DIR);
    expect(await runDeploy(ctx, packaging(), deps)).toBe(1);
    // Every other function of the bundled conf/ (the apps too) is deployed; the rule processors and alert functions first.
    const moved = lambda.commandCalls(UpdateAliasCommand).map((c) => c.args[0].input.FunctionName);
    expect([moved.slice(0, 3), moved.includes(PROD)]).toEqual([[CORP, ALERT, MERGER], false]);
    expect(stderr()).toMatch(new RegExp(`${ALERT}\\s+2\\s+3\\s+[0-9a-f]{12}\\s+deployed`));
    expect(stderr()).toMatch(new RegExp(`${MERGER}\\s+2\\s+3\\s+[0-9a-f]{12}\\s+deployed`));
    expect(stderr()).toMatch(new RegExp(`error: ${PROD}: publish: ServiceException: internal failure \\(alias unchanged, still version 2\\)`));
    expect(stderr()).toMatch(new RegExp(`${CORP}\\s+2\\s+3\\s+[0-9a-f]{12}\\s+deployed`));
    expect(stderr()).toMatch(new RegExp(`${PROD}: upload: s3://acme-streamalert-source/${PROD}/[0-9a-f]{64}\\.zip`));
  });

  it('uploads a us-west-2 function to the us-west-2 source bucket through a us-west-2 S3 client', async () => {
    const { ctx, stdout } = captureContext(DEFAULT_CONF_DIR, true);
    expect(await runDeploy(ctx, { ...packaging(), function: 'rule', cluster: 'corp' }, deps)).toBe(0);
    const puts = s3.commandCalls(PutObjectCommand);
    expect(puts.map((c) => c.args[0].input.Bucket)).toEqual(['acme-streamalert-source-us-west-2']);
    expect(await (puts[0].thisValue as S3Client).config.region()).toBe('us-west-2');
    const update = lambda.commandCalls(UpdateFunctionCodeCommand).map((c) => c.args[0].input);
    expect(update).toEqual([expect.objectContaining({ FunctionName: CORP, S3Bucket: 'acme-streamalert-source-us-west-2' })]);
    expect(await (lambda.commandCalls(UpdateFunctionCodeCommand)[0].thisValue as LambdaClient).config.region()).toBe('us-west-2');
    expect(JSON.parse(stdout()).functions[0].s3).toMatch(/^s3:\/\/acme-streamalert-source-us-west-2\/acme_corp_streamalert_rules\//);
  });

  it('keeps the account region\'s functions, the global alert functions among them, on the source bucket without a region suffix', async () => {
    const { ctx } = captureContext(DEFAULT_CONF_DIR);
    // --cluster filters the rule processors only: the alert processor and merger are deployed too.
    expect(await runDeploy(ctx, { ...packaging(), cluster: 'prod' }, deps)).toBe(0);
    const puts = s3.commandCalls(PutObjectCommand);
    expect(puts.map((c) => [c.args[0].input.Bucket, c.args[0].input.Key?.split('/')[0]])).toEqual([
      ['acme-streamalert-source', PROD],
      ['acme-streamalert-source', ALERT],
      ['acme-streamalert-source', MERGER],
    ]);
    expect(await (puts[0].thisValue as S3Client).config.region()).toBe('us-east-1');
  });

  it('prints the result as JSON with --json', async () => {
    const { ctx, stdout } = captureContext(DEFAULT_CONF_DIR, true);
    expect(await runDeploy(ctx, { ...packaging(), function: 'rule', cluster: 'corp' }, deps)).toBe(0);
    const result = JSON.parse(stdout());
    expect(result.ok).toBe(true);
    expect(result.functions).toEqual([expect.objectContaining({ function: CORP, status: 'deployed', old_version: '2', new_version: '3', error: null })]);
  });

  it('prints the plan without any AWS call with --dry-run', async () => {
    const { ctx, stderr } = captureContext(DEFAULT_CONF_DIR);
    expect(await runDeploy(ctx, { ...packaging(), dryRun: true }, deps)).toBe(0);
    expect(lambda.calls()).toHaveLength(0);
    expect(s3.calls()).toHaveLength(0);
    expect(stderr()).toMatch(/acme_prod_streamalert_rules \(us-east-1\): would upload s3:\/\/acme-streamalert-source\//);
    expect(stderr()).toMatch(/acme_corp_streamalert_rules \(us-west-2\): would upload s3:\/\/acme-streamalert-source-us-west-2\//);
    expect(stderr()).toMatch(/acme_streamalert_alert_processor \(us-east-1\): would upload s3:\/\/acme-streamalert-source\/acme_streamalert_alert_processor\//);
    expect(stderr()).toMatch(/acme_streamalert_alert_merger \(us-east-1\): would upload s3:\/\/acme-streamalert-source\/acme_streamalert_alert_merger\//);
    expect(stderr()).toMatch(/dry run: no AWS call was made/);
  });

  it('stops with one line when there are no credentials', async () => {
    lambda.on(GetAliasCommand).rejects(awsError('CredentialsProviderError', 'Could not load credentials from any providers'));
    const { ctx } = captureContext(DEFAULT_CONF_DIR);
    const run = runDeploy(ctx, packaging(), deps);
    await expect(run).rejects.toThrow(AwsCredentialsError);
    await expect(run).rejects.toThrow(/^no usable AWS credentials \(CredentialsProviderError: Could not load credentials from any providers\): set AWS_PROFILE/);
  });
});

describe('runRollback', () => {
  it('rolls back every function, carrying on past a failure, and exits 1', async () => {
    lambda.on(GetAliasCommand, { FunctionName: PROD }).resolves({ FunctionVersion: '1', RevisionId: 'rev' });
    const { ctx, stderr } = captureContext(DEFAULT_CONF_DIR);
    expect(await runRollback(ctx, {})).toBe(1);
    const moved = lambda.commandCalls(UpdateAliasCommand).map((c) => c.args[0].input);
    expect(moved.slice(0, 3)).toEqual([
      expect.objectContaining({ FunctionName: CORP, FunctionVersion: '1' }),
      expect.objectContaining({ FunctionName: ALERT, FunctionVersion: '1' }),
      expect.objectContaining({ FunctionName: MERGER, FunctionVersion: '1' }),
    ]);
    expect(moved.map((m) => m.FunctionName)).not.toContain(PROD);
    expect(stderr()).toMatch(new RegExp(`${CORP}\\s+2\\s+1\\s+rolled back`));
    expect(stderr()).toMatch(new RegExp(`error: ${PROD}: choose: version 1 is the first published version`));
  });

  it('refuses --to for more than one function as a usage error', async () => {
    const { ctx } = captureContext(DEFAULT_CONF_DIR);
    await expect(runRollback(ctx, { to: '1' })).rejects.toThrow(UsageError);
    expect(lambda.calls()).toHaveLength(0);
  });

  it('refuses --to with --cluster alone, which still selects the global alert functions', async () => {
    const { ctx } = captureContext(DEFAULT_CONF_DIR);
    const refused = runRollback(ctx, { cluster: 'prod', to: '1' });
    await expect(refused).rejects.toThrow(/selects 3 functions \(acme_prod_streamalert_rules, acme_streamalert_alert_processor, acme_streamalert_alert_merger\)/);
    await expect(refused).rejects.toHaveProperty('hint', 'pick one function: --function alert, --function merger, or --function rule --cluster <name>');
  });

  it.each([
    [{ function: 'rule', cluster: 'prod' }, PROD],
    [{ function: 'merger' }, MERGER],
    [{ function: 'alert', cluster: 'corp' }, ALERT],
  ])('rolls %j back to --to, with the result as JSON', async (selection, name) => {
    const { ctx, stdout } = captureContext(DEFAULT_CONF_DIR, true);
    expect(await runRollback(ctx, { ...selection, to: '1' })).toBe(0);
    expect(JSON.parse(stdout()).functions).toEqual([expect.objectContaining({ function: name, status: 'rolled back', from_version: '2', to_version: '1' })]);
    expect(lambda.commandCalls(UpdateAliasCommand).map((c) => c.args[0].input.FunctionName)).toEqual([name]);
  });
});
