/** `schema infer`: widened types, optional keys, depth, validation; on the documented samples of three log types. */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { createClassifier } from '../../../../runtime/classifier';
import { declarationFrom, inferSchema, type InferReport } from '../../../../cli/schema';
import { fieldType, observe, widen } from '../../../../cli/schema/field-types';
import { fixtureText, vendorFixtures } from '../../../_helpers/log-type-fixtures';
import { DEFAULT_CONF_DIR } from '../../../_helpers/paths';
import { makeTempDir } from '../../../_helpers/temp-dir';
import { captureContext } from '../deploy/test-context';
import { loadConfig } from '../../../../runtime/config';

describe('field type widening', () => {
  it.each([
    ['integers', [1, 2], 'integer'],
    ['integers and decimals', [1, 2.5], 'float'],
    ['numbers and text', [1, 'a'], 'string'],
    ['booleans and numbers', [true, 1], 'string'],
    ['nulls and text', [null, 'a'], 'string'],
    ['only nulls', [null, null], 'string'],
    ['lists', [[1], []], []],
    ['a list and a number', [[1], 1], {}],
    ['objects (depth 0)', [{ a: 1 }, { a: 2 }], {}],
  ])('types %s', (_name, values, expected) => {
    const observed = (values as unknown[]).map(observe).reduce(widen);
    expect(fieldType(observed, 0)).toEqual(expected);
  });

  it('types nested objects key by key down to the depth asked, when every sample has the same keys', () => {
    const same = [{ a: 1, b: { c: 'x' } }, { a: 2.5, b: { c: 'y' } }].map(observe).reduce(widen);
    expect(fieldType(same, 1)).toEqual({ a: 'float', b: {} });
    expect(fieldType(same, 2)).toEqual({ a: 'float', b: { c: 'string' } });
    const differing = [{ a: 1 }, { b: 1 }].map(observe).reduce(widen);
    expect(fieldType(differing, 3)).toEqual({});
  });
});

describe('declarationFrom', () => {
  it('makes keys seen in only some records optional', () => {
    const declaration = declarationFrom([{ id: 1, a: 'x' }, { id: 2 }], { extraKeys: 'keep' });
    expect(declaration).toEqual({ parser: 'json', schema: { a: 'string', id: 'integer' }, configuration: { optional_top_level_keys: ['a'], extra_keys: 'keep' } });
  });
});

const byType = (log: string) => vendorFixtures().filter((f) => f.log === log);

describe('schema infer on the documented samples of three log types', () => {
  it.each([
    ['github:audit', undefined],
    ['duo:administrator', undefined],
    ['cloudtrail:events', 'Records[*]'],
  ])('reproduces a %s schema that classifies every sample, and writes it into a schema file', async (logType, jsonPath) => {
    const fixtures = byType(logType);
    const dir = makeTempDir('infer-');
    const samples = join(dir, 'samples.jsonl');
    writeFileSync(samples, fixtures.map(fixtureText).join('\n'));
    const name = `inferred:${logType.split(':')[1]}`;
    const { ctx, stdout } = captureContext(DEFAULT_CONF_DIR, true);
    const out = join(dir, 'schemas.json');
    await inferSchema(ctx, { config: DEFAULT_CONF_DIR, files: [samples], name, jsonPath, out });
    const report = JSON.parse(stdout()) as InferReport;
    expect(report.classified).toBe(fixtures.length);

    // The written file is a schema file the loader accepts, and its type classifies each sample again.
    const conf = join(dir, 'conf');
    const written = JSON.parse(readFileSync(out, 'utf8')) as Record<string, unknown>;
    const config = loadConfigWith(conf, written);
    const classifier = createClassifier(config);
    for (const fixture of fixtures) expect(classifier.classify({ data: fixtureText(fixture), source: { service: 's3', resource: 'x' } }, [name])).toMatchObject({ ok: true, log_type: name });
    // Keys of the bundled schema that the samples carry are all found.
    const bundled = loadConfig(DEFAULT_CONF_DIR).logs[logType].schema;
    const inferred = (written[name] as { schema: Record<string, unknown> }).schema;
    const carried = new Set(fixtures.flatMap((f) => Object.keys(jsonPath ? (f.data as { Records: object[] }).Records[0] : (f.data as object))));
    expect(Object.keys(bundled).filter((k) => carried.has(k) && !(k in inferred))).toEqual([]);
  });

  it('marks the keys of the GitHub samples that only some entries have as optional', () => {
    const declaration = declarationFrom(byType('github:audit').map((f) => f.data as Record<string, unknown>), {});
    expect(declaration.configuration?.optional_top_level_keys).toEqual(['repo', 'team', 'user', 'visibility']);
    expect(declaration.schema['@timestamp']).toBe('integer');
  });

  it('refuses a name that is not vendor:type, and samples without JSON objects', async () => {
    const dir = makeTempDir('infer-');
    const text = join(dir, 'text.log');
    writeFileSync(text, 'Jan 10 19:35:49 host sshd[1]: hello\n');
    const { ctx } = captureContext(DEFAULT_CONF_DIR);
    await expect(inferSchema(ctx, { config: DEFAULT_CONF_DIR, files: [text], name: 'nocolon' })).rejects.toThrow('--name must be vendor:type');
    await expect(inferSchema(ctx, { config: DEFAULT_CONF_DIR, files: [text], name: 'a:b' })).rejects.toThrow('no JSON object records');
  });
});

function loadConfigWith(dir: string, schemas: Record<string, unknown>) {
  mkdirSync(join(dir, 'schemas'), { recursive: true });
  writeFileSync(join(dir, 'schemas', 'inferred.json'), JSON.stringify(schemas));
  const names = Object.keys(schemas).filter((k) => k !== '$schema');
  writeFileSync(
    join(dir, 'variables.json'),
    JSON.stringify({ account: { id: '123456789012', prefix: 'test', region: 'us-east-1' }, clusters: { test: { data_sources: { kinesis: { s: names } }, modules: { rule_processor: {} } } } }),
  );
  return loadConfig(dir);
}
