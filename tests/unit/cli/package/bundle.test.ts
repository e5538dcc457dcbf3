import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { buildFunctionBundle, BundleError, TypeCheckError } from '../../../../cli/package';
import { loadConfig } from '../../../../runtime/config';
import { silentLogger } from '../../../../runtime/logger';
import { FIXTURE_ENTRY, FIXTURE_RULES_DIR, loadBundle } from '../../../_helpers/bundle-fixture';
import { DEFAULT_CONF_DIR, REPO_ROOT } from '../../../_helpers/paths';
import { makeTempDir } from '../../../_helpers/temp-dir';
import { kinesisEvent } from '../../runtime/classifier/payloads/_events';
import { osquery } from '../../runtime/handlers/_records';
import { useLoopbackAws } from '../../../_helpers/aws-env';

const config = loadConfig(DEFAULT_CONF_DIR);
const base = { config, entry: FIXTURE_ENTRY, rulesDir: FIXTURE_RULES_DIR, project: REPO_ROOT, typecheck: false } as const;

describe('buildFunctionBundle', () => {
  it('embeds the configuration and cluster, and every rule file but tests and generated types', async () => {
    const bundle = await buildFunctionBundle({ ...base, cluster: 'corp' });
    const result = await (loadBundle(bundle.code).handler as () => Promise<Record<string, unknown>>)();
    expect(result).toEqual({
      cluster: 'corp',
      prefix: config.account.prefix,
      configDir: 'conf',
      files: ['nested/port-scan.ts', 'suspicious-login.ts'],
      ruleNames: ['port_scan_detected', 'suspicious_root_login'],
    });
    expect(bundle.ruleFiles).toEqual(['nested/port-scan.ts', 'suspicious-login.ts']);
  });

  it('minifies by default and keeps function names', async () => {
    const minified = await buildFunctionBundle({ ...base, cluster: 'prod' });
    const plain = await buildFunctionBundle({ ...base, cluster: 'prod', minify: false });
    expect(minified.code.length).toBeLessThan(plain.code.length);
    expect(minified.code).toContain('suspicious_root_login');
  });

  it('returns a source map only when asked', async () => {
    expect((await buildFunctionBundle({ ...base, cluster: 'prod' })).map).toBeUndefined();
    const withMap = await buildFunctionBundle({ ...base, cluster: 'prod', sourcemap: true });
    expect(JSON.parse(withMap.map ?? '{}')).toEqual(expect.objectContaining({ version: 3 }));
    expect(withMap.code).not.toContain('sourceMappingURL');
  });

  it('stops with every bundling error when an import cannot be resolved', async () => {
    const rulesDir = makeTempDir();
    writeFileSync(join(rulesDir, 'broken.ts'), "import { nope } from './does-not-exist';\nexport const x = nope;\n");
    await expect(buildFunctionBundle({ ...base, cluster: 'prod', rulesDir })).rejects.toThrow(BundleError);
    await expect(buildFunctionBundle({ ...base, cluster: 'prod', rulesDir })).rejects.toThrow(/does-not-exist/);
  });

  it('stops before bundling when a rule does not type check, naming the file and line', async () => {
    const rulesDir = makeTempDir();
    mkdirSync(join(rulesDir, 'sub'));
    writeFileSync(join(rulesDir, 'sub', 'typo.ts'), 'export function typo_rule(): number {\n  return "not a number";\n}\n');
    const run = buildFunctionBundle({ ...base, cluster: 'prod', rulesDir, typecheck: true });
    await expect(run).rejects.toThrow(TypeCheckError);
    await expect(run).rejects.toThrow(/typo\.ts\(2,3\): error TS2322/);
  });

  it('says plainly that a missing handler is not built yet', async () => {
    await expect(buildFunctionBundle({ ...base, cluster: 'prod', entry: join(REPO_ROOT, 'nope.ts') })).rejects.toThrow(/is not built yet/);
  });
});

describe('buildFunctionBundle with the rule processor entry', () => {
  it('bundles a handler that classifies a Kinesis record of its cluster, AWS SDK included', async () => {
    const bundle = await buildFunctionBundle({ config, cluster: 'corp', rulesDir: makeTempDir(), project: REPO_ROOT, typecheck: false });
    // Only the optional CRT signer (SigV4a, unused) stays an optional require.
    expect(bundle.code).not.toMatch(/require\("(@aws-sdk\/client-|@aws-sdk\/core|@smithy\/)/);
    const entry = loadBundle(bundle.code) as { createHandler: (o: object) => (event: unknown) => Promise<{ counts: { classified: object } }> };
    expect(typeof (loadBundle(bundle.code) as { handler?: unknown }).handler).toBe('function');
    const handle = entry.createHandler({ logger: silentLogger });
    const result = await handle(kinesisEvent('acme_corp_streamalert', JSON.stringify(osquery())));
    expect(result.counts.classified).toEqual({ 'osquery:differential': 1 });
  });

  it('keeps the S3 client in a lazy file beside index.js, required on the first S3 read', async () => {
    const bundle = await buildFunctionBundle({ config, cluster: 'prod', rulesDir: makeTempDir(), project: REPO_ROOT, typecheck: false });
    expect(Object.keys(bundle.chunks)).toEqual(['dynamodb-sdk.lazy.js', 'firehose-sdk.lazy.js', 's3-sdk.lazy.js']);
    // Checked with includes() so that a failure does not print half a megabyte of bundle.
    expect(bundle.code.includes('import("./s3-sdk.lazy.js")')).toBe(true);
    // SDK code is recognised by its request-signing header (rules and matchers may name *.amazonaws.com services).
    expect(bundle.code.includes('x-amz-content-sha256')).toBe(false);
    expect(bundle.chunks['s3-sdk.lazy.js'].includes('x-amz-content-sha256')).toBe(true);

    const dir = makeTempDir();
    writeFileSync(join(dir, 'index.js'), bundle.code);
    writeFileSync(join(dir, 's3-sdk.lazy.js'), bundle.chunks['s3-sdk.lazy.js']);
    const requested: string[] = [];
    const server: Server = createServer((req, res) => {
      requested.push(`${req.method} ${req.url}`);
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      res.end(`${JSON.stringify(osquery())}\n`);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const restoreEnv = useLoopbackAws(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const entry = require(join(dir, 'index.js')) as { createHandler: (o: object) => (event: unknown) => Promise<{ counts: { records: number; failed_reads: number } }> };
      const bucket = Object.keys(config.clusters.prod.data_sources.s3 ?? {})[0];
      const result = await entry.createHandler({ logger: silentLogger })({
        Records: [{ eventSource: 'aws:s3', s3: { bucket: { name: bucket }, object: { key: 'logs/a.json', size: 10 } } }],
      });
      expect(requested).toEqual([`GET /${bucket}/logs/a.json?x-id=GetObject`]);
      expect(result.counts).toEqual(expect.objectContaining({ records: 1, failed_reads: 0 }));
    } finally {
      restoreEnv();
      server.close();
    }
  });
});
