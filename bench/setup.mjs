// Shared set-up of the handler and process benchmarks: a configuration directory with every StreamAlert
// v3.5.0 schema plus the bench schemas, and one data source per corpus family (Kinesis stream and S3 bucket).
import { copyFileSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BENCH_SCHEMAS } from './schemas.mjs';

/** Log type families each corpus family's data source carries (what a deployment would declare). */
export const SOURCE_FAMILIES = {
  cloudtrail: ['cloudtrail'],
  osquery: ['osquery'],
  kv: ['fwkv'],
  syslog: ['hostsys'],
  mixed: ['cloudtrail', 'osquery', 'cloudwatch', 'duo', 'ghe', 'packetbeat', 'onelogin', 'webcsv', 'fwkv', 'hostsys'],
};

/** Kinesis stream and S3 bucket names of a family's data source. */
export const streamOf = (family) => `bench_${family}`;
export const bucketOf = (family) => `bench-${family}`;

/**
 * Writes `<dir>/conf` and returns its path. `memory` is the rule processor's configured memory (MB).
 * @param {string} corpus ../shared/corpus/streamalert
 */
export function writeBenchConf(dir, corpus, memory) {
  const conf = join(dir, 'conf');
  mkdirSync(join(conf, 'schemas'), { recursive: true });
  const schemaDir = join(corpus, 'config', 'v3.5.0', 'conf', 'schemas');
  for (const file of readdirSync(schemaDir)) copyFileSync(join(schemaDir, file), join(conf, 'schemas', file));
  writeFileSync(join(conf, 'schemas', 'bench.json'), JSON.stringify(BENCH_SCHEMAS));
  const kinesis = Object.fromEntries(Object.entries(SOURCE_FAMILIES).map(([f, types]) => [streamOf(f), types]));
  const s3 = Object.fromEntries(Object.entries(SOURCE_FAMILIES).map(([f, types]) => [bucketOf(f), types]));
  writeFileSync(
    join(conf, 'variables.json'),
    JSON.stringify({
      account: { id: '123456789012', prefix: 'bench', region: 'us-east-1' },
      clusters: { bench: { data_sources: { kinesis, s3 }, modules: { rule_processor: { memory } } } },
    }),
  );
  return conf;
}
