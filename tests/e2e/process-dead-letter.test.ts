import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { loadConfig } from '../../runtime/config';
import { createRuleProcessor } from '../../runtime/handlers';
import { silentLogger } from '../../runtime/logger';
import { DEFAULT_CONF_DIR } from '../_helpers/paths';
import { runCli } from '../_helpers/run-cli';
import { copyToTempDir, makeTempDir } from '../_helpers/temp-dir';
import { kinesisEvent } from '../unit/runtime/classifier/payloads/_events';
import { osquery } from '../unit/runtime/handlers/_records';

const dir = makeTempDir();
const SQUID = '1700000000.123|15|10.0.0.1|TCP_MISS/200|512|GET|http://example.com/|-|DIRECT/93.184.216.34|text/html';
const jsonLines = (text: string): Record<string, unknown>[] => text.split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as Record<string, unknown>);

/** Runs the rule processor of the bundled conf on a Kinesis batch and saves the dead-letter object it writes. */
async function deadLetterOf(...records: string[]): Promise<string> {
  const path = join(dir, `dl-${Math.random().toString(36).slice(2)}.json.gz`);
  const handle = createRuleProcessor({
    config: loadConfig(DEFAULT_CONF_DIR),
    cluster: 'prod',
    logger: silentLogger,
    deadLetter: { destination: 'file', put: async (_key, body) => writeFileSync(path, body) },
  });
  await handle(kinesisEvent('acme_prod_streamalert', ...records));
  return path;
}

/** The bundled conf with squid added to the prod stream's log types: the "schema fixed" state. */
function fixedConf(): string {
  const conf = copyToTempDir(DEFAULT_CONF_DIR);
  const path = join(conf, 'variables.json');
  const variables = JSON.parse(readFileSync(path, 'utf8')) as { clusters: { prod: { data_sources: { kinesis: Record<string, string[]> } } } };
  variables.clusters.prod.data_sources.kinesis.acme_prod_streamalert.push('squid');
  writeFileSync(path, JSON.stringify(variables));
  return conf;
}

describe('streamalert process --dead-letter', () => {
  it('classifies the records a rule processor kept, with their original source, once the data source is fixed', async () => {
    const deadLetter = await deadLetterOf(SQUID, JSON.stringify(osquery()), `${SQUID} `);
    const run = runCli(['--config', fixedConf(), 'process', '--dead-letter', deadLetter]);
    expect(run.stderr).toMatch(/against each dead letter's own source: 2 record\(s\), 2 classified, 0 unclassified/);
    expect(run.code).toBe(0);
    const lines = jsonLines(run.stdout);
    expect(lines.map((l) => l.log_type)).toEqual(['squid:access', 'squid:access']);
    expect(lines[0].source).toEqual(expect.objectContaining({ service: 'kinesis', resource: 'acme_prod_streamalert', cluster: 'prod' }));
  });

  it('leaves them unclassified against the unchanged configuration, and --unclassified keeps them whole for the next try', async () => {
    const long = JSON.stringify({ unknown: 'z'.repeat(10_000) });
    const deadLetter = await deadLetterOf(long);
    const still = join(dir, 'still.jsonl');
    const run = runCli(['process', '--dead-letter', '--unclassified', still, deadLetter]);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/1 record\(s\), 0 classified, 1 unclassified/);
    expect(run.stderr).toMatch(/acme_prod_streamalert .*: matched none of the \d+ candidate log types/);
    expect(jsonLines(readFileSync(still, 'utf8'))).toEqual([expect.objectContaining({ data: long, source: expect.objectContaining({ resource: 'acme_prod_streamalert' }) })]);
  });

  it('uses --log-types instead of the source log types when given', async () => {
    const deadLetter = await deadLetterOf(SQUID);
    const run = runCli(['process', '--dead-letter', '--log-types', 'squid', deadLetter]);
    expect(jsonLines(run.stdout).map((l) => [l.log_type, (l.source as { resource: string }).resource])).toEqual([['squid:access', 'acme_prod_streamalert']]);
  });

  it('counts a failed read as skipped and reports a line that is not a dead letter, exiting 1', () => {
    const path = join(dir, 'mixed.json.gz');
    const lines = [
      { kind: 'failed_read', data: null, reason: 's3://b/k: binary data', code: 'NotText', source: { service: 's3', resource: 'acme.prod.cloudtrail' }, candidates: [] },
      { kind: 'unclassified', data: 'x', source: { service: 'ftp', resource: 'r' } },
      'not json',
    ].map((l) => (typeof l === 'string' ? l : JSON.stringify(l)));
    writeFileSync(path, gzipSync(`${lines.join('\n')}\n`));
    const run = runCli(['process', '--dead-letter', path]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/line 1: a failed read kept no record to replay \(s3:\/\/b\/k: binary data\)/);
    expect(run.stderr).toMatch(/line 2: not a dead-letter line: "source" must be \{"service": one of kinesis/);
    expect(run.stderr).toMatch(/line 3: not a dead-letter line: not JSON/);
    expect(run.stderr).toMatch(/0 record\(s\), 0 classified, 0 unclassified, 2 failed read\(s\), 1 skipped/);
  });

  it('refuses --dead-letter with --source', () => {
    const run = runCli(['process', '--dead-letter', '--source', 'kinesis:acme_prod_streamalert', 'x']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/use either --dead-letter or --source/);
  });
});
