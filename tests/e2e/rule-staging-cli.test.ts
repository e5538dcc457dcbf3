/** `streamalert rule staging status|stage|unstage` as a process, the real DynamoDB SDK on dynalite (127.0.0.1). */
import { CreateTableCommand } from '@aws-sdk/client-dynamodb';
import { waitForActiveTable } from '../_helpers/dynalite-server';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRulesTable, type RulesTable } from '../../runtime/staging';
import { startDynalite, type Dynalite } from '../_helpers/dynalite';
import { fakeAwsEnv, runCliAsync } from '../_helpers/fake-aws-cli';
import { DEFAULT_CONF_DIR } from '../_helpers/paths';
import { copyToTempDir } from '../_helpers/temp-dir';

let db: Dynalite;
let table: RulesTable;
let conf: string;
const env = (): NodeJS.ProcessEnv => ({ ...fakeAwsEnv(db.endpoint), AWS_ENDPOINT_URL_DYNAMODB: db.endpoint });

beforeAll(async () => {
  db = await startDynalite();
  await db.client.send(
    new CreateTableCommand({
      TableName: 'acme_streamalert_rules',
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [{ AttributeName: 'RuleName', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'RuleName', KeyType: 'HASH' }],
    }),
  );
  await waitForActiveTable(db.client, 'acme_streamalert_rules');
  table = createRulesTable({ table: 'acme_streamalert_rules', dynamo: db.handle });
  await table.register('new_rule', true, new Date('2026-01-01T00:00:00Z'), 48);
  await table.register('old_rule', false, new Date('2026-01-01T00:00:00Z'), 48);
  await table.addAlerts('new_rule', 3);
  conf = copyToTempDir(DEFAULT_CONF_DIR);
  const variables = JSON.parse(readFileSync(join(conf, 'variables.json'), 'utf8'));
  variables.global = { ...(variables.global ?? {}), rule_staging: { enabled: true, staged_hours: 24 } };
  writeFileSync(join(conf, 'variables.json'), JSON.stringify(variables));
});
afterAll(() => db.stop());

describe('streamalert rule staging (process, DynamoDB on 127.0.0.1)', () => {
  it('lists every rule with its state and staged alert count', async () => {
    const run = await runCliAsync(['--config', conf, '--json', 'rule', 'staging', 'status'], env());
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).rules).toEqual([
      { rule_name: 'new_rule', staged: true, staged_at: '2026-01-01T00:00:00.000Z', staged_until: '2026-01-03T00:00:00.000Z', last_promoted: null, alert_count: 3 },
      { rule_name: 'old_rule', staged: false, staged_at: null, staged_until: null, last_promoted: null, alert_count: 0 },
    ]);
    const text = await runCliAsync(['--config', conf, 'rule', 'staging', 'status'], env());
    expect(text.stderr).toMatch(/new_rule\s+staged\s+2026-01-03T00:00:00.000Z\s+3\s+-/);
    expect(text.stderr).toMatch(/1 staged, 1 promoted \(acme_streamalert_rules\)/);
  });

  it('promotes a staged rule with unstage and stages a promoted one again for staged_hours', async () => {
    const unstage = await runCliAsync(['--config', conf, 'rule', 'staging', 'unstage', 'new_rule'], env());
    expect(unstage.code).toBe(0);
    expect(await table.get('new_rule')).toMatchObject({ staged: false, last_promoted: expect.any(String) });
    const before = Date.now();
    const stage = await runCliAsync(['--config', conf, 'rule', 'staging', 'stage', 'old_rule'], env());
    expect(stage.code).toBe(0);
    const state = await table.get('old_rule');
    expect(state).toMatchObject({ staged: true, alert_count: 0 });
    const hours = (Date.parse(state?.staged_until ?? '') - before) / 3_600_000;
    expect(hours).toBeGreaterThan(23.9);
    expect(hours).toBeLessThan(24.1);
  });

  it('names the table and exits 1 for a rule it does not hold, without a stack trace', async () => {
    const run = await runCliAsync(['--config', conf, 'rule', 'staging', 'unstage', 'no_such_rule'], env());
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/rule "no_such_rule" is not in the rules table acme_streamalert_rules/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});
