/**
 * `schema drift` on a dead-letter object written by the rule processor's own dead-letter code: an imported exact
 * CloudTrail schema rejects current records; drift names the keys they add, and --write makes them classify.
 */
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from '@jest/globals';
import { driftReport, type DriftReport } from '../../../../cli/schema';
import { createClassifier, type RawRecord } from '../../../../runtime/classifier';
import { loadConfig } from '../../../../runtime/config';
import { createDeadLetterCollector, flushDeadLetters } from '../../../../runtime/dead-letter';
import { ADDED_KEYS, driftedCloudTrailEvent } from '../../../_helpers/drifted-cloudtrail';
import { CORPUS_DIR, DEFAULT_CONF_DIR } from '../../../_helpers/paths';
import { copyToTempDir } from '../../../_helpers/temp-dir';
import { captureContext } from '../deploy/test-context';
import { describeWithCorpus } from '../../../_helpers/corpus';

const silent = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

/** The bundled conf/ with StreamAlert v3.5's exact cloudtrail.json in place of ours. */
function importedConf(): string {
  const dir = copyToTempDir(DEFAULT_CONF_DIR);
  copyFileSync(join(CORPUS_DIR, 'config', 'v3.5.0', 'conf', 'schemas', 'cloudtrail.json'), join(dir, 'schemas', 'cloudtrail.json'));
  return dir;
}

/** Classifies `payloads` from the CloudTrail bucket and writes the unclassified ones as the rule processor does. */
async function deadLetterFile(conf: string, payloads: readonly string[]): Promise<string> {
  const classifier = createClassifier(loadConfig(conf));
  const collector = createDeadLetterCollector();
  const source = { service: 's3' as const, resource: 'acme.prod.cloudtrail', cluster: 'prod' };
  for (const data of payloads) {
    const raw: RawRecord = { data, source };
    const outcome = classifier.classify(raw, ['cloudtrail:events', 'cloudtrail:digest']);
    if (!outcome.ok) collector.unclassified(outcome.unclassified, raw);
  }
  let body: Uint8Array | undefined;
  await flushDeadLetters({ writer: { destination: 's3://test', put: async (_key, b) => void (body = b) }, collector, cluster: 'prod', logger: silent as never, fields: {} });
  if (!body) throw new Error('nothing was dead-lettered');
  const file = join(conf, 'dead-letter.json.gz');
  writeFileSync(file, body);
  return file;
}

describeWithCorpus('schema drift', () => {
  const payloads = [1, 2, 3].map((n) => JSON.stringify({ Records: [{ ...driftedCloudTrailEvent(), eventID: `id-${n}` }] }));

  it('names the keys the dead-lettered records add, with a count and an example, per best candidate', async () => {
    const conf = importedConf();
    const file = await deadLetterFile(conf, payloads);
    const { ctx, stdout } = captureContext(conf, true);
    await driftReport(ctx, { config: conf, files: [file] });
    const report = JSON.parse(stdout()) as DriftReport;
    expect(report).toMatchObject({ entries: 3, compared: 3 });
    expect(report.log_types.map((d) => d.log_type)).toEqual(['cloudtrail:events']);
    const [drift] = report.log_types;
    expect(drift.added.map((k) => [k.key, k.count]).sort()).toEqual(Object.keys(ADDED_KEYS).sort().map((k) => [k, 3]));
    expect(drift.added.find((k) => k.key === 'vpcEndpointAccountId')).toMatchObject({ example: '123456789012', inferred: 'string' });
    expect(drift.missing).toEqual([]);
    expect(drift.retyped).toEqual([]);
  });

  it('prints the added keys for a person, and suggests --write', async () => {
    const conf = importedConf();
    const file = await deadLetterFile(conf, payloads);
    const { ctx, stderr } = captureContext(conf);
    await driftReport(ctx, { config: conf, files: [file] });
    expect(stderr()).toContain('cloudtrail:events');
    for (const key of Object.keys(ADDED_KEYS)) expect(stderr()).toContain(`"${key}" x3`);
    expect(stderr()).toContain('--write');
  });

  it('reports keys that are missing and typed differently', async () => {
    const conf = importedConf();
    const odd: Record<string, unknown> = { ...driftedCloudTrailEvent(), readOnly: 'sometimes' };
    delete odd.eventName;
    const file = await deadLetterFile(conf, [JSON.stringify({ Records: [odd] })]);
    const { ctx, stdout } = captureContext(conf, true);
    await driftReport(ctx, { config: conf, files: [file] });
    const [drift] = (JSON.parse(stdout()) as DriftReport).log_types;
    expect(drift.missing.map((k) => k.key)).toEqual(['eventName']);
    expect(drift.retyped).toEqual([expect.objectContaining({ key: 'readOnly', declared: 'boolean', example: 'sometimes', inferred: 'string' })]);
  });

  it('patches the schema with --write so the records classify on replay', async () => {
    const conf = importedConf();
    const file = await deadLetterFile(conf, payloads);
    const { ctx } = captureContext(conf, true);
    await driftReport(ctx, { config: conf, files: [file], write: true });
    const patched = JSON.parse(readFileSync(join(conf, 'schemas', 'cloudtrail.json'), 'utf8'))['cloudtrail:events'];
    expect(patched.schema).toMatchObject({ inScopeOf: {}, edgeDeviceDetails: {}, vpcEndpointAccountId: 'string' });
    expect(patched.configuration.optional_top_level_keys).toEqual(expect.arrayContaining(Object.keys(ADDED_KEYS)));
    const classifier = createClassifier(loadConfig(conf));
    expect(classifier.classify({ data: payloads[0], source: { service: 's3', resource: 'acme.prod.cloudtrail' } }, ['cloudtrail:events']).ok).toBe(true);
  });
});
