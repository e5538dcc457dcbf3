import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { loadConfig, type Config, type DownloaderConfig } from '../../../../runtime/config';
import { createLogger } from '../../../../runtime/logger';
import { resetDynamoDb } from '../../../../runtime/lookup-tables';
import { createDownloader, ssmCredentials, threatStreamQuery } from '../../../../runtime/threat-intel/downloader';
import { useLoopbackAws } from '../../../_helpers/aws-env';
import { startDynalite, type DynaliteServer } from '../../../_helpers/dynalite-server';
import { DEFAULT_CONF_DIR } from '../../../_helpers/paths';

const TABLE = 'acme_iocs';
const NOW = Date.UTC(2026, 0, 1);
const base = loadConfig(DEFAULT_CONF_DIR);

/** What the loopback feed server received, and per-path failures still to serve. */
const received: { method?: string; url?: string; auth?: string }[] = [];
const failures = new Map<string, number>();
let server: Server;
let origin: string;
let dynalite: DynaliteServer;
let restoreEnv: () => void;

function route(req: IncomingMessage): { status: number; body: string; headers?: Record<string, string> } {
  const url = new URL(req.url ?? '/', origin);
  const left = failures.get(url.pathname) ?? 0;
  if (left > 0) {
    failures.set(url.pathname, left - 1);
    return { status: 500, body: 'busy' };
  }
  if (url.pathname === '/api/v2/intelligence/') {
    if (url.searchParams.get('q')?.includes('foreign') === true) {
      return { status: 200, body: JSON.stringify({ meta: { next: 'https://collector.evil.example/api/v2/intelligence/?offset=1000', offset: 0 }, objects: [{ value: '203.0.113.7', type: 'ip', source: 'crowdstrike' }] }) };
    }
    if (url.searchParams.get('offset') === '1000') {
      return { status: 200, body: JSON.stringify({ meta: { next: null, offset: 1000 }, objects: [{ value: 'evil.example', type: 'domain', itype: 'c2_domain', source: 'CrowdStrike feed' }] }) };
    }
    return {
      status: 200,
      body: JSON.stringify({
        meta: { next: '/api/v2/intelligence/?limit=1000&offset=1000', offset: 0 },
        objects: [
          { value: '203.0.113.5', type: 'ip', itype: 'mal_ip', source: 'crowdstrike', expiration_ts: '2026-03-01T00:00:00.000Z' },
          { value: '203.0.113.6', type: 'ip', itype: 'mal_ip', source: 'someone else' },
        ],
      }),
    };
  }
  if (url.pathname === '/feed.csv') {
    return url.searchParams.get('page') === '2'
      ? { status: 200, body: 'indicator,type\n198.51.100.2,ip\n' }
      : { status: 200, body: 'indicator,type,expires\n198.51.100.1,ip,1798761600\nbroken\n', headers: { link: `<${origin}/feed.csv?page=2>; rel="next"` } };
  }
  if (url.pathname === '/feed.jsonl') return { status: 200, body: '{"value":"d41d8cd98f00b204e9800998ecf8427e"}\nnot json\n' };
  return { status: 404, body: 'no' };
}

function downloader(overrides: Partial<DownloaderConfig>) {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger({ level: 'debug', write: (line) => lines.push(JSON.parse(line) as Record<string, unknown>) });
  const config: Config = {
    ...base,
    threat_intel: {
      ...base.threat_intel,
      table: TABLE,
      // Only the sources each test names (the bundled conf/ has a ThreatStream section).
      downloader: { ...base.threat_intel.downloader, threatstream: undefined, enabled: true, expiry_days: 30, max_pages: 10, feeds: [], ...overrides },
    },
  };
  const handle = createDownloader({ config, logger, credentials: async () => ({ api_user: 'analyst', api_key: 's3cr3t' }), retry: { backoffMs: 1 }, now: () => NOW });
  return { handle, lines };
}

async function tableItems(): Promise<Record<string, Record<string, unknown>>> {
  const out = await dynalite.client.send(new ScanCommand({ TableName: TABLE }));
  return Object.fromEntries((out.Items ?? []).map((i) => unmarshall(i)).map((i) => [String(i.ioc_value), i]));
}

const threatstream = () => ({ enabled: true, api_url: origin, ioc_types: ['ip', 'domain'], ioc_filters: ['crowdstrike'], excluded_sub_types: ['tor_ip'] });

beforeAll(async () => {
  server = createServer((req, res) => {
    received.push({ method: req.method, url: req.url, auth: req.headers.authorization });
    const { status, body, headers } = route(req);
    res.writeHead(status, { 'content-type': 'text/plain', ...headers });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  dynalite = await startDynalite();
  await dynalite.createTable({ TableName: TABLE, AttributeDefinitions: [{ AttributeName: 'ioc_value', AttributeType: 'S' }], KeySchema: [{ AttributeName: 'ioc_value', KeyType: 'HASH' }] });
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await dynalite.close();
});

beforeEach(() => {
  received.length = 0;
  failures.clear();
  restoreEnv = useLoopbackAws(dynalite.endpoint);
  resetDynamoDb();
});

afterEach(() => restoreEnv());

describe('threat intel downloader', () => {
  it('refuses a ThreatStream next link to another host: the API key is sent to the configured host only', async () => {
    const { handle } = downloader({ threatstream: { ...threatstream(), ioc_types: ['foreign'] } });
    // The only source failed, so the invocation fails (and alarms), naming the refusal.
    await expect(handle({})).rejects.toThrow(/threatstream: ThreatStream: refused a next link to https:\/\/collector\.evil\.example: the API key is sent to 127\.0\.0\.1:\d+ only/);
    expect(received).toHaveLength(1);
  });

  it('follows ThreatStream pagination through a 500, keeps the filtered sources and writes them with expiry', async () => {
    failures.set('/api/v2/intelligence/', 1);
    const { handle } = downloader({ threatstream: threatstream() });
    const summary = await handle({});
    expect(summary.threatstream).toEqual({ pages: 2, written: 2, rejected: 0 });
    const items = await tableItems();
    expect(items['203.0.113.5']).toEqual({ ioc_value: '203.0.113.5', ioc_type: 'ip', sub_type: 'mal_ip', source: 'crowdstrike', expiration_ts: Date.UTC(2026, 2, 1) / 1000 });
    expect(items['evil.example']).toEqual(expect.objectContaining({ ioc_type: 'domain', expiration_ts: NOW / 1000 + 30 * 86_400 }));
    expect(items['203.0.113.6']).toBeUndefined();
    // 500, then page 1, then page 2; the key travels in a header, never in the URL.
    expect(received).toHaveLength(3);
    expect(received.every((r) => r.auth === 'apikey analyst:s3cr3t' && !(r.url ?? '').includes('s3cr3t'))).toBe(true);
    expect(decodeURIComponent(received[0]?.url ?? '')).toContain(threatStreamQuery(threatstream()));
  });

  it('reads CSV and JSON lines feeds, following Link rel="next", counting entries it cannot read', async () => {
    const { handle, lines } = downloader({
      feeds: [
        { name: 'csvfeed', url: `${origin}/feed.csv`, format: 'csv' },
        { name: 'hashes', url: `${origin}/feed.jsonl`, format: 'jsonl', ioc_type: 'md5', sub_type: 'mal_md5' },
      ],
    });
    const summary = await handle({});
    expect(summary).toEqual({ csvfeed: { pages: 2, written: 2, rejected: 1 }, hashes: { pages: 1, written: 1, rejected: 1 } });
    const items = await tableItems();
    expect(items['198.51.100.1']).toEqual({ ioc_value: '198.51.100.1', ioc_type: 'ip', sub_type: 'ip', source: 'csvfeed', expiration_ts: 1798761600 });
    expect(items.d41d8cd98f00b204e9800998ecf8427e).toEqual(expect.objectContaining({ ioc_type: 'md5', sub_type: 'mal_md5', source: 'hashes' }));
    expect(lines.filter((l) => l.message === 'feed entry skipped').map((l) => l.reason)).toEqual(['row 3: 1 fields, the header has 3', 'line 2: not valid JSON']);
  });

  it('logs a feed that keeps failing and still writes the others', async () => {
    failures.set('/feed.csv', 10);
    const { handle, lines } = downloader({
      feeds: [
        { name: 'down', url: `${origin}/feed.csv`, format: 'csv' },
        { name: 'hashes', url: `${origin}/feed.jsonl`, format: 'jsonl', ioc_type: 'md5' },
      ],
    });
    const summary = await handle({});
    expect(summary.down).toEqual(expect.objectContaining({ pages: 0, written: 0, error: expect.stringContaining('HTTP 500') }));
    expect(summary.hashes?.written).toBe(1);
    expect(lines).toContainEqual(expect.objectContaining({ level: 'ERROR', message: 'threat feed failed', feed: 'down' }));
  });

  it('fails the invocation when every source failed, without retrying a 404', async () => {
    const { handle } = downloader({ feeds: [{ name: 'gone', url: `${origin}/missing.csv`, format: 'csv' }] });
    await expect(handle({})).rejects.toThrow(/every threat feed failed: gone: GET .*\/missing.csv returned HTTP 404/);
    expect(received).toHaveLength(1);
  });
});

describe('ThreatStream credentials', () => {
  const ssm = mockClient(SSMClient);
  afterEach(() => ssm.reset());

  it('reads api_user and api_key from the SecureString parameter, decrypted', async () => {
    ssm.on(GetParameterCommand).resolves({ Parameter: { Value: '{"api_user":"u","api_key":"k"}' } });
    await expect(ssmCredentials('/acme/streamalert/threat_intel/threatstream')()).resolves.toEqual({ api_user: 'u', api_key: 'k' });
    expect(ssm.commandCalls(GetParameterCommand)[0]?.args[0].input).toEqual({ Name: '/acme/streamalert/threat_intel/threatstream', WithDecryption: true });
  });

  it('rejects a parameter without both keys, without quoting its value', async () => {
    ssm.on(GetParameterCommand).resolves({ Parameter: { Value: '{"api_user":"u","api_key":""}' } });
    const error = await ssmCredentials('/p')().catch((e: Error) => e);
    expect((error as Error).message).toBe('SSM parameter /p must hold a JSON object with api_user and api_key');
  });
});
