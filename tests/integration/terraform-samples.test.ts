/**
 * Terraform generation for the bundled conf/ and for a configuration imported from each StreamAlert
 * sample of the corpus: it succeeds, every reference resolves, no address repeats, a second run is
 * byte-identical, and the output matches its snapshot.
 */
import { loadConfig, type Config } from '../../runtime/config';
import { checkTerraformConfig } from '../../cli/terraform/check-config';
import { renderFile, synthesizeTerraform } from '../../cli/terraform/synthesize';
import { CORPUS_SAMPLES, importCorpusSample } from '../_helpers/corpus-import';
import { describeWithCorpus } from '../_helpers/corpus';
import { DEFAULT_CONF_DIR, HAS_CORPUS } from '../_helpers/paths';
import { declared, unresolvedReferences } from '../unit/cli/terraform/helpers';

/**
 * StreamAlert's unit-test configuration subscribes buckets it never lists as S3 data sources: every object from
 * them would go unclassified. `config import` leaves those notifications out, one warning per bucket naming the
 * cluster and how to put it back, so the configuration it writes passes generation's checks as imported.
 */
const LEFT_OUT_BUCKETS: Readonly<Record<string, readonly string[]>> = {
  'v3.5.0-unit-conf': [
    'clusters/advanced: s3_events bucket "unit-test-bucket.data"',
    'clusters/advanced: s3_events bucket "unit-test.cloudtrail.data"',
    'clusters/test: s3_events bucket "unit-test-bucket"',
    'clusters/trusted: s3_events bucket "unit-test-bucket"',
  ],
};

function loadSample(name: string): Config {
  return loadConfig(importCorpusSample(name).dir);
}

describeWithCorpus('terraform generation of imported StreamAlert samples whose s3_events buckets are no data source', () => {
  it.each(Object.entries(LEFT_OUT_BUCKETS))('imports %s with a warning per bucket, and generation accepts it as imported', (name, buckets) => {
    const { dir, report } = importCorpusSample(name);
    const warned = report.warnings.filter((w) => /s3_events bucket .* is not an s3 data source/.test(w));
    expect(warned.map((w) => w.slice(0, w.indexOf(' is not')))).toEqual(buckets);
    for (const warning of warned) expect(warning).toMatch(/its notification was not imported \(add ".+": \[<log types>\] to data_sources\.s3/);
    expect(checkTerraformConfig(loadConfig(dir)).problems).toEqual([]);
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
