import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../../../../runtime/config';
import { ConfigError } from '../../../../runtime/errors';
import { DEFAULT_CONF_DIR } from '../../../_helpers/paths';
import { copyToTempDir } from '../../../_helpers/temp-dir';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Copies the bundled conf/, lets `edit` change variables.json, and returns the load error. */
function problemsAfter(edit: (vars: Json) => void, file = 'variables.json'): ConfigError {
  const dir = copyToTempDir(DEFAULT_CONF_DIR);
  const path = join(dir, file);
  const value = JSON.parse(readFileSync(path, 'utf8')) as Json;
  edit(value);
  writeFileSync(path, JSON.stringify(value, null, 2));
  try {
    loadConfig(dir);
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('loads the bundled conf/ with two clusters and resolved defaults', () => {
    const config = loadConfig(DEFAULT_CONF_DIR);
    expect(Object.keys(config.clusters)).toEqual(['prod', 'corp']);
    expect(config.clusters.prod.modules.rule_processor.memory).toBe(512);
    expect(config.clusters.corp.modules.rule_processor.timeout).toBe(60);
    expect(config.clusters.prod.modules.kinesis_events?.starting_position).toBe('TRIM_HORIZON');
    expect(config.clusters.corp.modules.s3_events).toBeUndefined();
    expect(config.logs['cloudtrail:events'].parser).toBe('json');
    expect(config.logs['cloudtrail:events'].configuration.optional_top_level_keys?.resources).toEqual([]);
    expect(config.global.firehose.log_types).toContain('osquery:differential');
    expect(config.outputs.slack).toEqual({ 'security-alerts': null, 'sample-channel': null });
  });

  it('returns a deeply frozen object', () => {
    const config = loadConfig(DEFAULT_CONF_DIR);
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.clusters.prod.modules.kinesis?.streams)).toBe(true);
    expect(Object.isFrozen(config.logs['osquery:differential'].schema)).toBe(true);
  });

  it('reports every structural problem at once with file, pointer, value and hint', () => {
    const err = problemsAfter((v) => {
      v.clusters.prod.modules.kinesis.streams.shards = 0;
      v.clusters.prod.modules.kinesiss = {};
      v.functions.runtime = 'nodejs22';
    });
    expect(err.exitCode).toBe(3);
    expect(err.problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ file: expect.stringMatching(/variables\.json$/), pointer: '/clusters/prod/modules/kinesis/streams/shards', value: 0 }),
        expect.objectContaining({ pointer: '/clusters/prod/modules/kinesiss', hint: 'did you mean "kinesis"?' }),
        expect.objectContaining({ pointer: '/functions/runtime', value: 'nodejs22', hint: 'did you mean "nodejs22.x"?' }),
      ]),
    );
    expect(err.problems).toHaveLength(3);
    expect(err.message).toContain('/clusters/prod/modules/kinesis/streams/shards: must be >= 1, got 0');
  });

  it('rejects data sources that name undeclared log types, with a suggestion', () => {
    const err = problemsAfter((v) => v.clusters.prod.data_sources.kinesis.acme_prod_streamalert.push('osqery'));
    expect(err.problems).toEqual([
      expect.objectContaining({
        pointer: '/clusters/prod/data_sources/kinesis/acme_prod_streamalert/3',
        value: 'osqery',
        hint: 'did you mean "osquery"?',
      }),
    ]);
  });

  it.each(['main', 'global'])('rejects the reserved cluster name %s', (name) => {
    const err = problemsAfter((v) => {
      v.clusters[name] = v.clusters.corp;
    });
    expect(err.problems[0].pointer).toBe(`/clusters/${name}`);
  });

  it('names the line and column of a JSON syntax error', () => {
    const dir = copyToTempDir(DEFAULT_CONF_DIR);
    writeFileSync(join(dir, 'outputs.json'), '{\n  "slack": ["a"],\n}\n');
    expect(() => loadConfig(dir)).toThrow(/outputs\.json: \/: is not valid JSON at line 3, column 1/);
  });

  it('rejects a log type declared in two schema files', () => {
    const dir = copyToTempDir(DEFAULT_CONF_DIR);
    writeFileSync(
      join(dir, 'schemas', 'zz-duplicate.json'),
      JSON.stringify({ 'squid:access': { parser: 'json', schema: { a: 'string' } } }),
    );
    expect(() => loadConfig(dir)).toThrow(/"squid:access" is declared twice/);
  });

  it('caps the listed problems and says how many more there are', () => {
    const err = problemsAfter((v) => {
      for (let i = 0; i < 30; i++) v.clusters.prod.modules[`unknown_${i}`] = {};
    });
    expect(err.problems).toHaveLength(30);
    expect(err.message).toContain('... and 10 more');
  });

  it('fails clearly when the directory does not exist', () => {
    expect(() => loadConfig('/nonexistent/conf')).toThrow(/configuration directory not found/);
  });
});
