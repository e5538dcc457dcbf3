/**
 * `streamalert schema infer` and `schema drift` as a user runs them: the built CLI in a process, on a gzip sample
 * file, and on a dead-letter object written by the deployed rule processor (imported exact CloudTrail schema).
 */
import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { loadConfig } from '../../runtime/config';
import { createRuleProcessor } from '../../runtime/handlers';
import { silentLogger } from '../../runtime/logger';
import { ADDED_KEYS, driftedCloudTrailEvent } from '../_helpers/drifted-cloudtrail';
import { fixtureText, vendorFixtures } from '../_helpers/log-type-fixtures';
import { CORPUS_DIR, DEFAULT_CONF_DIR } from '../_helpers/paths';
import { runCli } from '../_helpers/run-cli';
import { copyToTempDir, makeTempDir } from '../_helpers/temp-dir';
import { memoryGetter, s3Notification } from '../unit/runtime/classifier/payloads/_events';
import { itWithCorpus } from '../_helpers/corpus';

const dir = makeTempDir();

describe('streamalert schema', () => {
  it('infer prints a validated schema from gzip samples, and refuses a bad --name with exit 2', () => {
    const samples = join(dir, 'zeek.jsonl.gz');
    writeFileSync(samples, gzipSync(vendorFixtures().filter((f) => f.log.startsWith('zeek:')).map(fixtureText).join('\n')));
    const run = runCli(['schema', 'infer', '--name', 'zeek:all', '--extra-keys', 'keep', samples]);
    expect(run.stderr).toContain('the schema classifies 4 of 4 sample(s)');
    expect(run.code).toBe(0);
    const declaration = (JSON.parse(run.stdout) as Record<string, { schema: Record<string, unknown>; configuration: { optional_top_level_keys: string[] } }>)['zeek:all'];
    expect(declaration.schema).toMatchObject({ uid: 'string', 'id.orig_p': 'integer', ts: 'float' });
    expect(declaration.configuration.optional_top_level_keys).toContain('conn_state');
    expect(runCli(['schema', 'infer', '--name', 'nocolon', samples]).code).toBe(2);
  });

  itWithCorpus('drift names the keys dead-lettered CloudTrail records add, from a dead letter of the rule processor', async () => {
    const conf = copyToTempDir(DEFAULT_CONF_DIR);
    copyFileSync(join(CORPUS_DIR, 'config', 'v3.5.0', 'conf', 'schemas', 'cloudtrail.json'), join(conf, 'schemas', 'cloudtrail.json'));
    const deadLetter = join(dir, 'dl.json.gz');
    const key = 'AWSLogs/123456789012/CloudTrail/us-east-1/2026/01/01/trail.json.gz';
    const handle = createRuleProcessor({
      config: loadConfig(conf),
      cluster: 'prod',
      logger: silentLogger,
      getObject: memoryGetter({ [`acme.prod.cloudtrail/${key}`]: gzipSync(JSON.stringify({ Records: [driftedCloudTrailEvent()] })) }),
      deadLetter: { destination: 'file', put: async (_key, body) => writeFileSync(deadLetter, body) },
    });
    await handle(s3Notification('acme.prod.cloudtrail', key));
    const run = runCli(['--config', conf, 'schema', 'drift', deadLetter]);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('cloudtrail:events');
    for (const key of Object.keys(ADDED_KEYS)) expect(run.stderr).toContain(`"${key}" x1`);
  });
});
