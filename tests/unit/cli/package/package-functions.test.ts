import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BundleLoadError, createDeterministicZip, packageFunctions, selectTargets, sha256, smokeLoadBundle } from '../../../../cli/package';
import { loadConfig } from '../../../../runtime/config';
import { FIXTURE_ENTRY, FIXTURE_RULES_DIR } from '../../../_helpers/bundle-fixture';
import { DEFAULT_CONF_DIR, REPO_ROOT } from '../../../_helpers/paths';
import { makeTempDir } from '../../../_helpers/temp-dir';

const config = loadConfig(DEFAULT_CONF_DIR);

async function packageOnce(outDir: string) {
  return packageFunctions({
    config,
    // The apps share one bundle and add nothing here but time (targets.test.ts selects them).
    targets: selectTargets(config, {}).filter((t) => t.kind !== 'apps'),
    entry: FIXTURE_ENTRY,
    rulesDir: FIXTURE_RULES_DIR,
    project: REPO_ROOT,
    outDir,
  });
}

describe('packageFunctions', () => {
  it('gives identical zip bytes and SHA-256 when packaging twice', async () => {
    const first = await packageOnce(makeTempDir());
    const second = await packageOnce(makeTempDir());
    expect(first.map((p) => p.sha256)).toEqual(second.map((p) => p.sha256));
    first.forEach((p, i) => expect(readFileSync(p.zipPath).equals(readFileSync(second[i].zipPath))).toBe(true));
  });

  it('writes one zip per function, named after it, with the hash Lambda reports as CodeSha256', async () => {
    const outDir = makeTempDir();
    const packages = await packageOnce(outDir);
    expect(packages.map((p) => p.zipPath)).toEqual([
      join(outDir, `${config.account.prefix}_prod_streamalert_rules.zip`),
      join(outDir, `${config.account.prefix}_corp_streamalert_rules.zip`),
      join(outDir, `${config.account.prefix}_streamalert_alert_processor.zip`),
      join(outDir, `${config.account.prefix}_streamalert_alert_merger.zip`),
    ]);
    const zip = readFileSync(packages[0].zipPath);
    expect(packages[0].size).toBe(zip.length);
    expect(packages[0].codeSha256).toBe(sha256(zip).base64);
    expect(readFileSync(packages[0].mapPath ?? '', 'utf8')).toMatch(/"version":\s*3/);
  });

  it('differs between clusters, since each embeds its cluster name', async () => {
    const [prod, corp] = await packageOnce(makeTempDir());
    expect(prod.sha256).not.toBe(corp.sha256);
  });
});

describe('packageFunctions loading each bundle before zipping', () => {
  it('fails loudly, writing nothing, when the packaged function cannot start (a rule defined twice)', async () => {
    const rulesDir = makeTempDir();
    const source = (file: string) =>
      `import { rule } from '${join(REPO_ROOT, 'runtime', 'rules').replace(/\\/g, '/')}';\n` +
      `// ${file}\nrule({ logs: ['osquery:differential'] })(function twice() {\n  return false;\n});\n`;
    writeFileSync(join(rulesDir, 'a.ts'), source('a'));
    writeFileSync(join(rulesDir, 'b.ts'), source('b'));
    const outDir = join(makeTempDir(), 'out');
    const [prod] = selectTargets(config, {});
    const run = packageFunctions({ config, targets: [prod], rulesDir, project: REPO_ROOT, outDir });
    await expect(run).rejects.toThrow(BundleLoadError);
    await expect(run).rejects.toThrow(/fails to start[\s\S]*twice/);
    expect(existsSync(outDir)).toBe(false);
  });

  it('runs the packaged rule processor on an event with no records in a fresh process', () => {
    expect(() => smokeLoadBundle('ok', [{ name: 'index.js', data: 'exports.handler = async (e) => ({ n: e.Records.length });' }])).not.toThrow();
    expect(() => smokeLoadBundle('bad', [{ name: 'index.js', data: 'exports.handler = async () => { throw new Error("boom at start"); };' }])).toThrow(/bad: the packaged function fails to start[\s\S]*boom at start/);
    expect(() => smokeLoadBundle('none', [{ name: 'index.js', data: 'exports.other = 1;' }])).toThrow(/exports no handler function/);
  });
});

describe('createDeterministicZip', () => {
  it('sorts entries and fixes timestamps and permissions whatever the input order', async () => {
    const a = await createDeterministicZip([
      { name: 'index.js', data: 'exports.handler = 1;' },
      { name: 'a.txt', data: Buffer.from('a') },
    ]);
    const b = await createDeterministicZip([
      { name: 'a.txt', data: 'a' },
      { name: 'index.js', data: 'exports.handler = 1;' },
    ]);
    expect(a.equals(b)).toBe(true);
    // Central directory: "PK\x01\x02", then external attributes hold the Unix mode (0o100644) in the high 16 bits.
    const central = a.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    expect(a.readUInt32LE(central + 38) >>> 16).toBe(0o100644);
    // DOS date of 1980-01-01 is (0 << 9) | (1 << 5) | 1 = 0x21, time 0.
    expect(a.readUInt16LE(10)).toBe(0);
    expect(a.readUInt16LE(12)).toBe(0x21);
  });
});
