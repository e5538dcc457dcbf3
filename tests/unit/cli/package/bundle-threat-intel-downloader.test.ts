/**
 * The threat intel downloader as packaged: its own entry, the configuration embedded, DynamoDB in a lazy file.
 * The bundle is loaded as Lambda loads index.js and run against a loopback feed and dynalite.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { buildFunctionBundle, handlerEntry } from '../../../../cli/package';
import { loadConfig, type Config } from '../../../../runtime/config';
import { useLoopbackAws } from '../../../_helpers/aws-env';
import { startDynalite, type DynaliteServer } from '../../../_helpers/dynalite-server';
import { DEFAULT_CONF_DIR, REPO_ROOT } from '../../../_helpers/paths';
import { makeTempDir } from '../../../_helpers/temp-dir';

const TABLE = 'acme_streamalert_threat_intel_downloader';
let feed: Server;
let dynalite: DynaliteServer;

beforeAll(async () => {
  feed = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end('{"value":"203.0.113.9","type":"ip"}\n{"value":"evil.example","type":"domain"}\n');
  });
  await new Promise<void>((resolve) => feed.listen(0, '127.0.0.1', resolve));
  dynalite = await startDynalite();
  await dynalite.createTable({ TableName: TABLE, AttributeDefinitions: [{ AttributeName: 'ioc_value', AttributeType: 'S' }], KeySchema: [{ AttributeName: 'ioc_value', KeyType: 'HASH' }] });
});

afterAll(async () => {
  feed.close();
  await dynalite.close();
});

describe('threat intel downloader bundle', () => {
  it('fills the IOC table from the configured feed, with DynamoDB loaded from its lazy file', async () => {
    const base = loadConfig(DEFAULT_CONF_DIR);
    const url = `http://127.0.0.1:${(feed.address() as AddressInfo).port}/ioc.jsonl`;
    const config: Config = {
      ...base,
      threat_intel: { ...base.threat_intel, downloader: { ...base.threat_intel.downloader, enabled: true, threatstream: undefined, feeds: [{ name: 'loopback', url, format: 'jsonl' }] } },
    };
    const bundle = await buildFunctionBundle({ config, cluster: 'global', rulesDir: makeTempDir(), project: REPO_ROOT, typecheck: false, entry: handlerEntry('threat_intel_downloader') });
    expect(bundle.code.includes('import("./dynamodb-sdk.lazy.js")')).toBe(true);
    // The SDK's protocol code (its JSON target prefix) is in the lazy file only.
    expect(bundle.code.includes('DynamoDB_20120810')).toBe(false);
    expect(bundle.chunks['dynamodb-sdk.lazy.js']?.includes('DynamoDB_20120810')).toBe(true);
    const dir = makeTempDir();
    writeFileSync(join(dir, 'index.js'), bundle.code);
    for (const [name, code] of Object.entries(bundle.chunks)) writeFileSync(join(dir, name), code);

    const restoreEnv = useLoopbackAws(dynalite.endpoint, { AWS_LAMBDA_FUNCTION_NAME: 'acme_streamalert_threat_intel_downloader' });
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const entry = require(join(dir, 'index.js')) as { handler: (event: unknown, context: unknown) => Promise<Record<string, unknown>> };
      const summary = await entry.handler({}, { getRemainingTimeInMillis: () => 300_000 });
      expect(summary).toEqual({ loopback: { pages: 1, written: 2, rejected: 0 } });
    } finally {
      restoreEnv();
    }
    const items = await dynalite.client.send(new ScanCommand({ TableName: TABLE }));
    expect((items.Items ?? []).map((i) => i.ioc_value?.S).sort()).toEqual(['203.0.113.9', 'evil.example']);
  });
});
