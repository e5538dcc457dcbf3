import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startDynalite, type DynaliteServer } from '../_helpers/dynalite-server';
import { DEFAULT_CONF_DIR, REPO_ROOT } from '../_helpers/paths';
import { copyToTempDir } from '../_helpers/temp-dir';

let dynalite: DynaliteServer;
const conf = copyToTempDir(DEFAULT_CONF_DIR);
writeFileSync(join(conf, 'lookup_tables.json'), JSON.stringify({ enabled: true, tables: { browsers: { driver: 'dynamodb', table: 'e2e_browsers', partition_key: 'key', value_key: 'value' } } }));

/** Runs the built CLI without blocking this process (dynalite answers from it). */
function cli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(REPO_ROOT, 'bin', 'streamalert.js'), '--config', conf, ...args], {
      env: { ...process.env, NO_COLOR: '1', AWS_ENDPOINT_URL: dynalite.endpoint, AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

beforeAll(async () => {
  dynalite = await startDynalite();
  await dynalite.createTable({ TableName: 'e2e_browsers', AttributeDefinitions: [{ AttributeName: 'key', AttributeType: 'S' }], KeySchema: [{ AttributeName: 'key', KeyType: 'HASH' }] });
});

afterAll(() => dynalite.close());

describe('streamalert lookup-tables (process, DynamoDB on loopback)', () => {
  it('sets a value in the DynamoDB table and reads it back; a missing key exits 1', async () => {
    const set = await cli(['lookup-tables', 'set', 'browsers', 'duo_blacklisted_browsers', '["Netscape"]']);
    expect(set.stderr).toContain('browsers: set "duo_blacklisted_browsers" in dynamodb://e2e_browsers');
    expect(set.code).toBe(0);
    const get = await cli(['--json', 'lookup-tables', 'get', 'browsers', 'duo_blacklisted_browsers']);
    expect(JSON.parse(get.stdout)).toEqual({ table: 'browsers', key: 'duo_blacklisted_browsers', found: true, value: ['Netscape'] });
    const missing = await cli(['lookup-tables', 'get', 'browsers', 'nothing']);
    expect(missing.code).toBe(1);
  });

  it('names the valid tables for an unknown one (exit 2)', async () => {
    const run = await cli(['lookup-tables', 'get', 'nope', 'k']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/unknown lookup table "nope"[\s\S]*tables: browsers/);
  });
});
