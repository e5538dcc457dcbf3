import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../../../../runtime/config';
import { pathsOfKey } from '../../../../runtime/config/normalized-types';
import { ConfigError } from '../../../../runtime/errors';
import { DEFAULT_CONF_DIR } from '../../../_helpers/paths';
import { copyToTempDir } from '../../../_helpers/temp-dir';

/** The bundled conf/ plus the given optional files. */
function confWith(files: Record<string, unknown>): string {
  const dir = copyToTempDir(DEFAULT_CONF_DIR);
  for (const [name, value] of Object.entries(files)) writeFileSync(join(dir, name), JSON.stringify(value, null, 2));
  return dir;
}

function problemsOf(files: Record<string, unknown>) {
  try {
    loadConfig(confWith(files));
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

describe('pathsOfKey', () => {
  it('finds a key at every depth of a schema, in schema order', () => {
    expect(pathsOfKey({ user: 'string', detail: { user: 'string', inner: { user: {} } }, list: [] }, 'user')).toEqual([['user'], ['detail', 'user'], ['detail', 'inner', 'user']]);
  });
});

describe('lookup_tables.json, threat_intel.json and normalized_types.json', () => {
  it('are off when absent', () => {
    const dir = confWith({});
    rmSync(join(dir, 'threat_intel.json'), { force: true });
    const config = loadConfig(dir);
    expect(config.lookup_tables).toEqual({ enabled: false, tables: {} });
    expect(config.threat_intel).toEqual(expect.objectContaining({ enabled: false, table: 'acme_streamalert_threat_intel_downloader', clusters: ['prod', 'corp'], normalized_ioc_types: {} }));
  });

  it('ship disabled in the bundled conf/, with the IOC types of its normalized types', () => {
    const config = loadConfig(DEFAULT_CONF_DIR);
    expect(config.threat_intel).toEqual(expect.objectContaining({ enabled: false, normalized_ioc_types: { ip: ['source_address', 'destination_address'], domain: ['domain'] } }));
    expect(config.threat_intel.downloader.enabled).toBe(false);
  });

  it("resolve StreamAlert's sample files with their defaults", () => {
    const config = loadConfig(
      confWith({
        'lookup_tables.json': {
          enabled: true,
          tables: {
            'dynamo-backed-table': { driver: 'dynamodb', table: 'dynamodb-table-name', partition_key: 'partition-key', value_key: 'value-column', cache_maximum_key_count: 3, cache_refresh_minutes: 3, consistent_read: false },
            's3-backed-table': { driver: 's3', bucket: 's3-bucket-name', key: 'file.json', compression: false, cache_refresh_minutes: 10 },
          },
        },
        'threat_intel.json': { dynamodb_table_name: 'table_name', enabled: true, excluded_iocs: { ip: { '10.0.0.0/8': { comment: 'RFC1918' } } }, normalized_ioc_types: { ip: ['sourceAddress'] } },
      }),
    );
    expect(config.lookup_tables.tables['dynamo-backed-table']).toEqual(expect.objectContaining({ driver: 'dynamodb', key_delimiter: ':', cache_maximum_key_count: 3 }));
    expect(config.lookup_tables.tables['s3-backed-table']).toEqual({ driver: 's3', bucket: 's3-bucket-name', key: 'file.json', compression: false, cache_refresh_minutes: 10 });
    expect(config.threat_intel).toEqual(expect.objectContaining({ enabled: true, table: 'table_name', excluded_iocs: { ip: ['10.0.0.0/8'] }, normalized_ioc_types: { ip: ['sourceAddress'] } }));
  });

  it('adds normalized_types.json keys as paths found in each schema of the family, leaving types the schema defines alone', () => {
    const config = loadConfig(confWith({ 'normalized_types.json': { cloudtrail: { sourceAddress: ['sourceIPAddress'], source_address: ['userAgent'], userName: ['userName'] } } }));
    const normalization = config.logs['cloudtrail:events']?.configuration.normalization ?? {};
    expect(normalization.sourceAddress).toEqual([{ path: ['sourceIPAddress'] }]);
    // A key the schema does not declare (userIdentity is an open map) is read at the top level.
    expect(normalization.userName).toEqual([{ path: ['userName'] }]);
    expect(normalization.source_address?.[0]?.path).toEqual(['sourceIPAddress']);
  });

  it.each([
    ['lookup_tables.json', { tables: { t: { driver: 's3', bucket: 'bad bucket!', key: 'k' } } }, '/tables/t/bucket'],
    ['lookup_tables.json', { tables: { t: { driver: 'dynamodb', table: 'tbl' } } }, '/tables/t/partition_key'],
    ['threat_intel.json', { enabled: 'yes' }, '/enabled'],
    ['threat_intel.json', { clusters: ['nope'] }, '/clusters/0'],
    ['normalized_types.json', { cloudtrail: { sourceAddress: 'sourceIPAddress' } }, '/cloudtrail/sourceAddress'],
  ])('report a bad %s naming the file and pointer', (file, value, pointer) => {
    const problems = problemsOf({ [file]: value });
    expect(problems).toContainEqual(expect.objectContaining({ file: expect.stringContaining(file), pointer }));
  });
});
