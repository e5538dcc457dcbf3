/** Builds classifiers for tests through the real configuration loader (schemas written to a temp conf/). */
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { loadConfig, type Config } from '../../../../runtime/config';
import { createClassifier, type Classifier, type ClassifiedRecord, type ClassifyOutcome, type RawRecord } from '../../../../runtime/classifier';
import { CORPUS_DIR } from '../../../_helpers/paths';
import { makeTempDir } from '../../../_helpers/temp-dir';

/** The v3.5.0 schema files of the StreamAlert corpus. */
export const CORPUS_SCHEMAS_DIR = join(CORPUS_DIR, 'config', 'v3.5.0', 'conf', 'schemas');

/** A minimal variables.json whose one stream carries `logTypes`. */
function variables(logTypes: readonly string[]): unknown {
  return {
    account: { id: '123456789012', prefix: 'test', region: 'us-east-1' },
    clusters: { test: { data_sources: { kinesis: { test_stream: logTypes } }, modules: { rule_processor: {} } } },
  };
}

/** Writes a conf/ with `schemas` (one file, declaration order kept) plus copies of `schemaFiles`, and loads it. */
export function configWith(schemas: Record<string, unknown>, schemaFiles: readonly string[] = []): Config {
  const dir = makeTempDir('classifier-conf-');
  mkdirSync(join(dir, 'schemas'));
  const names = Object.keys(schemas);
  if (names.length > 0) writeFileSync(join(dir, 'schemas', 'zz-test.json'), JSON.stringify(schemas));
  for (const file of schemaFiles) {
    copyFileSync(file, join(dir, 'schemas', basename(file)));
    names.push(...Object.keys(JSON.parse(readFileSync(file, 'utf8')) as object));
  }
  writeFileSync(join(dir, 'variables.json'), JSON.stringify(variables(names)));
  return loadConfig(dir);
}

/** Every StreamAlert v3.5.0 schema file path. */
export function corpusSchemaFiles(): string[] {
  return readdirSync(CORPUS_SCHEMAS_DIR)
    .filter((f) => f.endsWith('.json'))
    .map((f) => join(CORPUS_SCHEMAS_DIR, f));
}

/** A classifier over `schemas`. */
export function classifierWith(schemas: Record<string, unknown>): Classifier {
  return createClassifier(configWith(schemas));
}

/** A raw record from a test source. */
export function raw(data: unknown): RawRecord {
  return { data, source: { service: 'kinesis', resource: 'test_stream' } };
}

/** Classifies `data` against every log type of `classifier`. */
export function classify(classifier: Classifier, data: unknown, candidates?: readonly string[]): ClassifyOutcome {
  return classifier.classify(raw(data), candidates ?? classifier.logTypes);
}

/** The records of a successful outcome; fails the test with the reasons otherwise. */
export function records(outcome: ClassifyOutcome): readonly ClassifiedRecord[] {
  if (!outcome.ok) throw new Error(`expected a match, got: ${JSON.stringify(outcome.unclassified.candidates)}`);
  return outcome.records;
}

/** The single record of a successful outcome. */
export function only(outcome: ClassifyOutcome): Readonly<Record<string, unknown>> {
  const found = records(outcome);
  if (found.length !== 1) throw new Error(`expected one record, got ${found.length}`);
  return found[0].record;
}

/** The reason given for `logType` in an unclassified outcome. */
export function reasonFor(outcome: ClassifyOutcome, logType: string): string {
  if (outcome.ok) throw new Error(`expected no match, got ${outcome.log_type}`);
  const found = outcome.unclassified.candidates.find((c) => c.log_type === logType);
  if (!found) throw new Error(`${logType} was not tried: ${JSON.stringify(outcome.unclassified.candidates)}`);
  return found.reason;
}
