/**
 * `lambda deploy` with `global.rule_staging.enabled`: new rules are registered in the rules table (dynalite)
 * before any function changes, and a deploy whose registration fails changes no function.
 */
import { CreateTableCommand } from '@aws-sdk/client-dynamodb';
import { waitForActiveTable } from '../../../_helpers/dynalite-server';
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
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runDeploy } from '../../../../cli/deploy';
import { bundledRules, stagingCandidates } from '../../../../cli/staging';
import { loadConfig } from '../../../../runtime/config';
import { createRulesTable, RulesTableError } from '../../../../runtime/staging';
import { FIXTURE_ENTRY, FIXTURE_RULES_DIR } from '../../../_helpers/bundle-fixture';
import { startDynalite, type Dynalite } from '../../../_helpers/dynalite';
import { DEFAULT_CONF_DIR, REPO_ROOT } from '../../../_helpers/paths';
import { copyToTempDir, makeTempDir } from '../../../_helpers/temp-dir';
import { awsError } from './fixtures';
import { captureContext } from './test-context';

const lambda = mockClient(LambdaClient);
const s3 = mockClient(S3Client);
const packaging = () => ({ entry: FIXTURE_ENTRY, rulesDir: FIXTURE_RULES_DIR, outDir: makeTempDir(), function: 'rule', cluster: 'corp' });
let db: Dynalite;
let conf: string;
const order: string[] = [];

beforeAll(async () => {
  db = await startDynalite();
  await db.client.send(
    new CreateTableCommand({
      TableName: 'rules_ok',
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [{ AttributeName: 'RuleName', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'RuleName', KeyType: 'HASH' }],
    }),
  );
  await waitForActiveTable(db.client, 'rules_ok');
  conf = copyToTempDir(DEFAULT_CONF_DIR);
  const variables = JSON.parse(readFileSync(join(conf, 'variables.json'), 'utf8'));
  variables.global = { ...(variables.global ?? {}), rule_staging: { enabled: true, staged_hours: 12 } };
  writeFileSync(join(conf, 'variables.json'), JSON.stringify(variables));
  lambda.on(GetAliasCommand).resolves({ FunctionVersion: '2', RevisionId: 'rev' });
  lambda.on(GetFunctionConfigurationCommand).resolves({ CodeSha256: 'older' });
  s3.on(HeadObjectCommand).rejects(awsError('NotFound', 'NotFound', 404));
  s3.on(PutObjectCommand).resolves({});
  lambda.on(UpdateFunctionCodeCommand).callsFake(() => (order.push('update code'), {}));
  lambda.on(GetFunctionCommand).resolves({ Configuration: { LastUpdateStatus: 'Successful' } });
  lambda.on(PublishVersionCommand).resolves({ Version: '3' });
  lambda.on(UpdateAliasCommand).resolves({});
  lambda.on(ListVersionsByFunctionCommand).resolves({ Versions: [{ Version: '$LATEST' }, { Version: '2' }] });
});
afterAll(() => db.stop());

describe('lambda deploy with rule staging on', () => {
  it('stages the new rules before it updates any function, and leaves a known rule as it is', async () => {
    const table = createRulesTable({ table: 'rules_ok', dynamo: db.handle });
    await table.register('known_rule', false, new Date('2026-01-01T00:00:00Z'), 48);
    const tracked = { ...table, register: async (...args: Parameters<typeof table.register>) => (order.push(`register ${args[0]}`), table.register(...args)) };
    const rules = async () => [{ name: 'brand_new', staged: true }, { name: 'known_rule', staged: true }];
    const { ctx, stderr } = captureContext(conf);
    const before = Date.now();
    expect(await runDeploy(ctx, packaging(), { wait: { delayMs: 0, timeoutMs: 1000 }, rulesTable: tracked, rules })).toBe(0);
    expect(order).toEqual(['register brand_new', 'register known_rule', 'update code']);
    const state = await table.get('brand_new');
    expect(state?.staged).toBe(true);
    expect(Math.round((Date.parse(state?.staged_until ?? '') - before) / 3_600_000)).toBe(12);
    expect(await table.get('known_rule')).toEqual({ rule_name: 'known_rule', staged: false, alert_count: 0 });
    expect(stderr()).toMatch(/rule staging: 1 staged, 0 opted out, 1 already in rules_ok/);
  });

  it('changes no function when the rules table cannot be written', async () => {
    order.length = 0;
    const missing = createRulesTable({ table: 'no_such_table', dynamo: db.handle });
    const { ctx } = captureContext(conf);
    await expect(runDeploy(ctx, packaging(), { wait: { delayMs: 0, timeoutMs: 1000 }, rulesTable: missing, rules: async () => [{ name: 'x', staged: true }] })).rejects.toThrow(RulesTableError);
    expect(order).toEqual([]);
  });

  it("reads the candidates from the bundle of the project's rules: enabled rules only", async () => {
    const rules = await bundledRules(loadConfig(conf), join(REPO_ROOT, 'rules'));
    const candidates = stagingCandidates(rules);
    expect(rules.length).toBeGreaterThan(20);
    expect(candidates.map((c) => c.name)).toContain('cloudtrail_root_account_usage');
    expect(candidates.map((c) => c.name)).not.toContain('fleet_bad_action');
    expect(candidates.every((c) => c.staged)).toBe(true);
  });
});
