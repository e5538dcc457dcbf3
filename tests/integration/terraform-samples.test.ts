/**
 * Terraform generation for the bundled conf/ and for a configuration imported from each StreamAlert
 * sample of the corpus: it succeeds, every reference resolves, no address repeats, a second run is
 * byte-identical, and the output matches its snapshot.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig, type Config } from '../../runtime/config';
import { checkTerraformConfig } from '../../cli/terraform/check-config';
import { renderFile, synthesizeTerraform } from '../../cli/terraform/synthesize';
import { CORPUS_SAMPLES, importCorpusSample } from '../_helpers/corpus-import';
import { describeWithCorpus } from '../_helpers/corpus';
import { DEFAULT_CONF_DIR, HAS_CORPUS } from '../_helpers/paths';
import { declared, unresolvedReferences, type Json } from '../unit/cli/terraform/helpers';

/**
 * StreamAlert's unit-test configuration subscribes buckets it never lists as S3 data sources: every
 * object from them would go unclassified, so generation refuses it (exit 3). The test checks that
 * refusal, then generates with the buckets declared, as a user would after reading the message.
 */
const KNOWN_PROBLEMS: Readonly<Record<string, readonly string[]>> = {
  'v3.5.0-unit-conf': [
    '/clusters/advanced/modules/s3_events/unit-test-bucket.data',
    '/clusters/advanced/modules/s3_events/unit-test.cloudtrail.data',
    '/clusters/test/modules/s3_events/unit-test-bucket',
    '/clusters/trusted/modules/s3_events/unit-test-bucket',
  ],
};

/** Declares every s3_events bucket as an S3 data source (with a log type the sample declares). */
function declareS3EventBuckets(dir: string): void {
  const path = join(dir, 'variables.json');
  const variables = JSON.parse(readFileSync(path, 'utf8'));
  for (const cluster of Object.values<Json>(variables.clusters)) {
    for (const bucket of Object.keys(cluster.modules?.s3_events ?? {})) {
      cluster.data_sources.s3 = { ...cluster.data_sources.s3, [bucket]: ['test_cloudtrail'] };
    }
  }
  writeFileSync(path, JSON.stringify(variables, null, 2));
}

function loadSample(name: string): Config {
  const { dir } = importCorpusSample(name);
  if (KNOWN_PROBLEMS[name]) declareS3EventBuckets(dir);
  return loadConfig(dir);
}

describeWithCorpus('terraform generation of imported StreamAlert samples with known problems', () => {
  it.each(Object.entries(KNOWN_PROBLEMS))('refuses %s as imported, naming each bucket', (name, pointers) => {
    const { problems } = checkTerraformConfig(loadConfig(importCorpusSample(name).dir));
    expect(problems.map((p) => p.pointer)).toEqual(pointers);
    for (const problem of problems) expect(problem.message).toMatch(/is not a data source of the cluster/);
  });
});

const configs: [string, () => Config][] = [
  ['bundled conf/', () => loadConfig(DEFAULT_CONF_DIR)],
  // The imported samples need the StreamAlert corpus (skipped below, with the reason, without it).
  ...(HAS_CORPUS ? Object.keys(CORPUS_SAMPLES) : []).map((name): [string, () => Config] => [`imported ${name}`, () => loadSample(name)]),
];

if (!HAS_CORPUS) describeWithCorpus('terraform generation of the imported StreamAlert samples', () => undefined);

describe.each(configs)('terraform generation of the %s configuration', (_name, load) => {
  const config = load();
  const first = synthesizeTerraform(config);

  it('passes the generation checks', () => {
    expect(checkTerraformConfig(config).problems).toEqual([]);
  });

  it('writes main.tf.json and one file per cluster', () => {
    expect(Object.keys(first.files).sort()).toEqual(['main.tf.json', ...Object.keys(config.clusters).map((c) => `${c}.tf.json`)].sort());
  });

  it('resolves every reference', () => {
    expect(unresolvedReferences(first.files)).toEqual([]);
  });

  it('declares every address once', () => {
    const all = declared(first.files).map((d) => `${d.block}.${d.type}.${d.name}`);
    expect(all.length).toBeGreaterThan(10);
    expect(new Set(all).size).toBe(all.length);
  });

  it('is byte-identical on a second run', () => {
    const second = synthesizeTerraform(load());
    expect(Object.keys(second.files)).toEqual(Object.keys(first.files));
    for (const file of Object.keys(first.files)) expect(renderFile(second.files[file])).toBe(renderFile(first.files[file]));
  });

  it('matches its snapshot', () => {
    expect(Object.fromEntries(Object.entries(first.files).map(([file, json]) => [file, renderFile(json)]))).toMatchSnapshot();
  });
});
