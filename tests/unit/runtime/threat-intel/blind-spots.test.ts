/**
 * Threat intel without blind spots, against dynalite (behind a proxy recording the region each call was
 * signed for): a value that cannot be a key is skipped and counted while the rest of the chunk is matched; the
 * IOC and lookup tables are read in the account region from a cluster in another region; a poison feed entry
 * is skipped and the rest of the feed stored.
 */
import { BatchWriteItemCommand, PutItemCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import type { ClassifiedRecord } from '../../../../runtime/classifier/types';
import { loadConfig, type Config } from '../../../../runtime/config';
import { defaultEnrichment } from '../../../../runtime/handlers/enrichment';
import { createLogger } from '../../../../runtime/logger';
import { resetDynamoDb } from '../../../../runtime/lookup-tables';
import { lookupTable } from '../../../../runtime/rules/lookup-tables';
import { createThreatIntel, dynamoDbIocSource, IOC_KEY } from '../../../../runtime/threat-intel';
import { runDownloader } from '../../../../runtime/threat-intel/downloader/run';
import type { IndicatorSource } from '../../../../runtime/threat-intel/downloader/sources';
import { dynamoDbIocWriter } from '../../../../runtime/threat-intel/downloader/writer';
import { useLoopbackAws } from '../../../_helpers/aws-env';
import { startDynalite, type DynaliteServer } from '../../../_helpers/dynalite-server';
import { DEFAULT_CONF_DIR } from '../../../_helpers/paths';
import { startRegionProxy, type RegionProxy } from '../../../_helpers/region-proxy';

const TABLE = 'acme_streamalert_threat_intel_downloader';
const NOW = Math.floor(Date.now() / 1000);
const LONG_HOST = `${'a'.repeat(3000)}.example.com`;

let dynalite: DynaliteServer;
let proxy: RegionProxy;
let restoreEnv: () => void;

const lines: Record<string, unknown>[] = [];
const logger = createLogger({ level: 'debug', write: (l) => lines.push(JSON.parse(l) as Record<string, unknown>) });

const record = (normalized: Record<string, string[]>): ClassifiedRecord => ({ log_type: 'zeek:http', record: {}, normalized, source: { service: 'kinesis', resource: 's' } });

beforeAll(async () => {
  dynalite = await startDynalite();
  proxy = await startRegionProxy(dynalite.endpoint);
  await dynalite.createTable({ TableName: TABLE, AttributeDefinitions: [{ AttributeName: 'ioc_value', AttributeType: 'S' }], KeySchema: [{ AttributeName: 'ioc_value', KeyType: 'HASH' }] });
  await dynalite.createTable({ TableName: 'watched', AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }], KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }] });
  await dynalite.client.send(new PutItemCommand({ TableName: 'watched', Item: { pk: { S: 'users' }, value: { L: [{ S: 'root' }] } } }));
  const ioc = (value: string, type: string) => ({ PutRequest: { Item: { ioc_value: { S: value }, ioc_type: { S: type }, sub_type: { S: 'c2' }, source: { S: 'feed' }, expiration_ts: { N: String(NOW + 86_400) } } } });
  await dynalite.client.send(new BatchWriteItemCommand({ RequestItems: { [TABLE]: [ioc('evil.example.com', 'domain'), ioc('203.0.113.66', 'ip')] } }));
});
afterAll(async () => {
  await proxy.close();
  await dynalite.close();
});
beforeEach(() => {
  // The function runs in us-west-2 (the bundled `corp` cluster); the account region is us-east-1.
  restoreEnv = useLoopbackAws(proxy.endpoint, { AWS_REGION: 'us-west-2' });
  resetDynamoDb();
  lines.length = 0;
  proxy.calls.length = 0;
});
afterEach(() => restoreEnv());

describe('threat intel lookups', () => {
  it('skips and counts a value over the 2,048-byte key limit, and still matches the real C2 traffic in the same chunk', async () => {
    const match = createThreatIntel({ config: { normalized_ioc_types: { domain: ['domain'], ip: ['source_address'] }, excluded_iocs: {} }, source: dynamoDbIocSource({ table: TABLE, region: 'us-east-1' }), logger });
    const noisy = record({ domain: [LONG_HOST] });
    const c2 = record({ domain: ['evil.example.com'], source_address: ['203.0.113.66'] });
    const outcome = await match([noisy, c2]);
    expect(outcome).toEqual({ looked_up: 2, skipped: 1, matched_records: 1, failed: false });
    expect(c2.record[IOC_KEY]).toEqual({ domain: ['evil.example.com'], ip: ['203.0.113.66'] });
    expect(noisy.record[IOC_KEY]).toBeUndefined();
    expect(lines).toContainEqual(expect.objectContaining({ level: 'WARN', threat_intel_skipped_values: 1 }));
  });

  it('reads the IOC and lookup tables in the account region from a cluster in another region', async () => {
    const base = loadConfig(DEFAULT_CONF_DIR);
    expect([base.account.region, base.clusters.corp?.region]).toEqual(['us-east-1', 'us-west-2']);
    const config: Config = {
      ...base,
      threat_intel: { ...base.threat_intel, enabled: true, table: TABLE, clusters: ['corp'], normalized_ioc_types: { ip: ['source_address'] }, excluded_iocs: {} },
      lookup_tables: {
        enabled: true,
        tables: { watched: { driver: 'dynamodb', table: 'watched', partition_key: 'pk', value_key: 'value', key_delimiter: ':', consistent_read: false, cache_maximum_key_count: 100, cache_refresh_minutes: 5 } },
      },
    };
    const enrich = defaultEnrichment(config, 'corp', logger, { AWS_LAMBDA_FUNCTION_NAME: 'acme_corp_streamalert_rules' });
    const hit = record({ source_address: ['203.0.113.66'] });
    await enrich?.([hit]);
    expect(hit.record[IOC_KEY]).toEqual({ ip: ['203.0.113.66'] });
    expect(lookupTable('watched', 'users', ['not loaded'])).toEqual(['root']);
    expect(proxy.calls.sort()).toEqual(['us-east-1 DynamoDB_20120810.BatchGetItem', 'us-east-1 DynamoDB_20120810.Scan']);
  });
});

describe('the threat intel downloader and a poison feed entry', () => {
  it('skips an entry over the key limit, counts it, and stores the 30 good indicators (in the account region)', async () => {
    await dynalite.createTable({ TableName: 'poison_iocs', AttributeDefinitions: [{ AttributeName: 'ioc_value', AttributeType: 'S' }], KeySchema: [{ AttributeName: 'ioc_value', KeyType: 'HASH' }] });
    const entries = Array.from({ length: 30 }, (_, i) => ({ value: `bad-${i}.example.com` }));
    entries.splice(7, 0, { value: LONG_HOST });
    const feed: IndicatorSource = {
      name: 'plain',
      iocType: 'domain',
      async *pages() {
        yield { entries, rejected: [] };
      },
    };
    const summary = await runDownloader({ sources: [feed], write: dynamoDbIocWriter('poison_iocs', { region: 'us-east-1' }), logger, expiryDays: 30, maxPages: 10 });
    expect(summary).toEqual({ plain: { pages: 1, written: 30, rejected: 1 } });
    const stored = await dynalite.client.send(new ScanCommand({ TableName: 'poison_iocs', Select: 'COUNT' }));
    expect(stored.Count).toBe(30);
    expect(lines).toContainEqual(expect.objectContaining({ level: 'WARN', message: 'feed entry skipped', reason: expect.stringContaining('over the 2048-byte key limit') }));
    expect(new Set(proxy.calls.map((c) => c.split(' ')[0]))).toEqual(new Set(['us-east-1']));
  });
});
