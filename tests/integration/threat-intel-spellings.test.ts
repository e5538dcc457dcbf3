/**
 * StreamAlert's own threat intel rule (onelogin_events_threat_intel_example) on its own test event, under the
 * bundled conf/ (snake_case `source_address`) and the imported StreamAlert v3.5.0 configuration (camelCase
 * `sourceAddress`), and with each configuration's threat_intel.json swapped for the other's: normalized type names
 * are compared in one canonical spelling, so every combination fires, and an unlisted address never does.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createClassifier } from '../../runtime/classifier';
import { canonicalType } from '../../runtime/classifier/normalized-type';
import { loadConfig, type Config } from '../../runtime/config';
import { silentLogger } from '../../runtime/logger';
import { clearRules, createRulesEngine, loadRules } from '../../runtime/rules';
import { createThreatIntel, memoryIocSource } from '../../runtime/threat-intel';
import { importCorpusSample } from '../_helpers/corpus-import';
import { itWithCorpus } from '../_helpers/corpus';
import { DEFAULT_CONF_DIR, REPO_ROOT } from '../_helpers/paths';

const RULE_FILE = join(REPO_ROOT, 'rules', 'community', 'onelogin', 'onelogin_events_threat_intel_example');
const fixture = JSON.parse(readFileSync(`${RULE_FILE}.json`, 'utf8'))[0] as { data: Record<string, unknown>; test_fixtures: { threat_intel: { ioc_value: string; ioc_type: string }[] } };
const STREAMALERT_IOC_TYPES = { ip: ['sourceAddress', 'destinationAddress', 'deviceAddress'], domain: ['destinationDomain'], md5: ['fileHash'] };

/** The rules that fire on the fixture's OneLogin event from `ip`, with the fixture's indicators as the IOC table. */
async function fired(config: Config, ip: string): Promise<string[]> {
  const outcome = createClassifier(config).classify({ data: JSON.stringify({ ...fixture.data, ipaddr: ip }), source: { service: 'streamalert_app', resource: 'app' } }, ['onelogin:events']);
  if (!outcome.ok) throw new Error(`the fixture did not classify: ${JSON.stringify(outcome)}`);
  await createThreatIntel({ config: config.threat_intel, source: memoryIocSource(fixture.test_fixtures.threat_intel), logger: silentLogger })(outcome.records);
  const engine = createRulesEngine({ rules: loadRules().map((r) => ({ ...r, disabled: false })), cluster: 'prod' });
  return outcome.records.flatMap((r) => engine.evaluate(r).map((a) => a.rule_name));
}

function withIocTypes(config: Config, normalized_ioc_types: Readonly<Record<string, readonly string[]>>): Config {
  return { ...config, threat_intel: { ...config.threat_intel, normalized_ioc_types } };
}

beforeAll(async () => {
  clearRules();
  await import(RULE_FILE);
});
afterAll(() => clearRules());

describe('canonical normalized type names', () => {
  it.each([
    ['sourceAddress', 'source_address'],
    ['source_address', 'source_address'],
    ['destinationDomain', 'destination_domain'],
    ['userName', 'user_name'],
    ['fileHash', 'file_hash'],
    ['command', 'command'],
  ])('spells %s as %s', (name, canonical) => {
    expect(canonicalType(name)).toBe(canonical);
  });
});

describe("StreamAlert's threat intel example rule", () => {
  const bundled = loadConfig(DEFAULT_CONF_DIR);

  it('fires under the bundled configuration, whose schemas and threat_intel.json say source_address', async () => {
    expect(bundled.threat_intel.normalized_ioc_types.ip).toContain('source_address');
    expect(await fired(bundled, '1.1.1.2')).toEqual(['onelogin_events_threat_intel_example']);
    expect(await fired(bundled, '1.1.1.4')).toEqual([]);
  });

  it("fires under the bundled schemas with StreamAlert's threat_intel.json (sourceAddress)", async () => {
    const config = withIocTypes(bundled, STREAMALERT_IOC_TYPES);
    expect(await fired(config, '1.1.1.2')).toEqual(['onelogin_events_threat_intel_example']);
    expect(await fired(config, '1.1.1.4')).toEqual([]);
  });

  itWithCorpus('fires under the imported StreamAlert v3.5.0 configuration (sourceAddress), and with the bundled threat_intel.json there', async () => {
    const imported = loadConfig(importCorpusSample('v3.5.0').dir);
    expect(Object.keys(imported.logs['onelogin:events']?.configuration.normalization ?? {})).toContain('sourceAddress');
    expect(await fired(imported, '1.1.1.2')).toEqual(['onelogin_events_threat_intel_example']);
    expect(await fired(imported, '1.1.1.4')).toEqual([]);
    const mixed = withIocTypes(imported, { ...bundled.threat_intel.normalized_ioc_types });
    expect(await fired(mixed, '1.1.1.2')).toEqual(['onelogin_events_threat_intel_example']);
  });
});
