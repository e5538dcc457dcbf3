import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { GetObjectCommand, S3Client, type GetObjectCommandOutput } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { resetS3Client } from '../../../../runtime/classifier/payloads/s3-getter';
import type { LookupTablesConfig } from '../../../../runtime/config';
import { createLogger } from '../../../../runtime/logger';
import { createLookupTableStore, resetDynamoDb } from '../../../../runtime/lookup-tables';
import { lookupTable, setLookupTables } from '../../../../runtime/rules';
import { useLoopbackAws } from '../../../_helpers/aws-env';
import { DEAD_ENDPOINT, startDynalite, type DynaliteServer } from '../../../_helpers/dynalite-server';

const CONFIG: LookupTablesConfig = {
  enabled: true,
  tables: {
    browsers: {
      driver: 'dynamodb',
      table: 'lookup_browsers',
      partition_key: 'pk',
      sort_key: 'sk',
      value_key: 'value',
      key_delimiter: ':',
      consistent_read: true,
      cache_maximum_key_count: 100,
      cache_refresh_minutes: 3,
    },
    allow: { driver: 's3', bucket: 'acme-lookup', key: 'allow.json.gz', compression: 'gzip', cache_refresh_minutes: 10 },
  },
};

const s3 = mockClient(S3Client);
let dynalite: DynaliteServer;
let restoreEnv: () => void;

function captured() {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger({ level: 'debug', write: (line) => lines.push(JSON.parse(line) as Record<string, unknown>) });
  return { lines, logger };
}

async function putBrowser(pk: string, sk: string, value: unknown): Promise<void> {
  const item: Record<string, unknown> = { pk: { S: pk }, sk: { S: sk } };
  item.value = Array.isArray(value) ? { SS: value } : { S: String(value) };
  await dynalite.client.send(new PutItemCommand({ TableName: 'lookup_browsers', Item: item as never }));
}

function s3Object(value: unknown): void {
  s3.on(GetObjectCommand, { Bucket: 'acme-lookup', Key: 'allow.json.gz' }).resolves({
    Body: Readable.from([gzipSync(JSON.stringify(value))]) as unknown as GetObjectCommandOutput['Body'],
  });
}

beforeAll(async () => {
  dynalite = await startDynalite();
  await dynalite.createTable({
    TableName: 'lookup_browsers',
    AttributeDefinitions: [
      { AttributeName: 'pk', AttributeType: 'S' },
      { AttributeName: 'sk', AttributeType: 'S' },
    ],
    KeySchema: [
      { AttributeName: 'pk', KeyType: 'HASH' },
      { AttributeName: 'sk', KeyType: 'RANGE' },
    ],
  });
  await putBrowser('duo', 'denied', ['Netscape', 'Mosaic']);
});

afterAll(async () => {
  await dynalite.close();
});

beforeEach(() => {
  restoreEnv = useLoopbackAws(dynalite.endpoint);
  resetDynamoDb();
  resetS3Client();
  s3.reset();
  setLookupTables({});
});

afterEach(() => restoreEnv());

describe('lookup table store', () => {
  it('serves a DynamoDB item by partition:sort key and a gzip S3 object by key, and the default on a miss', async () => {
    s3Object({ admins: ['alice'] });
    const { logger } = captured();
    const store = createLookupTableStore({ config: CONFIG, logger });
    await store.refresh();
    setLookupTables(store.snapshot());
    expect(lookupTable<string[]>('browsers', 'duo:denied', []).sort()).toEqual(['Mosaic', 'Netscape']);
    expect(lookupTable('allow', 'admins', [])).toEqual(['alice']);
    expect(lookupTable('browsers', 'duo:allowed', 'none')).toBe('none');
    expect(lookupTable('allow', 'nobody', 42)).toBe(42);
    expect(lookupTable('undeclared', 'x', 'fallback')).toBe('fallback');
  });

  it('keeps cached values until the refresh interval has passed, then reads the store again', async () => {
    s3Object({});
    let now = 1_000_000;
    const store = createLookupTableStore({ config: CONFIG, logger: captured().logger, now: () => now });
    await store.refresh();
    await putBrowser('duo', 'fresh', 'v1');
    now += 2 * 60_000;
    await store.refresh();
    expect(store.snapshot().browsers?.['duo:fresh']).toBeUndefined();
    now += 60_000;
    await store.refresh();
    expect(store.snapshot().browsers?.['duo:fresh']).toBe('v1');
    // The S3 table (10 minutes) was not due: one GetObject so far.
    expect(s3.commandCalls(GetObjectCommand)).toHaveLength(1);
  });

  it('logs a store that is down and leaves the table absent, so lookups return their default', async () => {
    restoreEnv();
    restoreEnv = useLoopbackAws(DEAD_ENDPOINT);
    resetDynamoDb();
    s3.on(GetObjectCommand).rejects(Object.assign(new Error('Access Denied'), { name: 'AccessDenied' }));
    const { logger, lines } = captured();
    const store = createLookupTableStore({ config: CONFIG, logger });
    await expect(store.refresh()).resolves.toBeUndefined();
    setLookupTables(store.snapshot());
    expect(lookupTable('browsers', 'duo:denied', 'default')).toBe('default');
    expect(lookupTable('allow', 'admins', 'default')).toBe('default');
    expect(lines.filter((l) => l.level === 'ERROR').map((l) => [l.table, l.stale])).toEqual(
      expect.arrayContaining([
        ['browsers', false],
        ['allow', false],
      ]),
    );
  });

  it('keeps the last good values when a refresh fails, and tries again within a minute', async () => {
    s3Object({ admins: ['alice'] });
    let now = 0;
    const { logger, lines } = captured();
    const store = createLookupTableStore({ config: CONFIG, logger, now: () => now });
    await store.refresh();
    s3.reset();
    s3.on(GetObjectCommand).rejects(new Error('socket hang up'));
    now += 10 * 60_000;
    await store.refresh();
    expect(store.snapshot().allow).toEqual({ admins: ['alice'] });
    expect(lines).toContainEqual(expect.objectContaining({ level: 'ERROR', table: 'allow', stale: true, error: 'socket hang up' }));
    s3.reset();
    s3Object({ admins: ['bob'] });
    now += 60_000;
    await store.refresh();
    expect(store.snapshot().allow).toEqual({ admins: ['bob'] });
  });

  it('reports an S3 object that is not a JSON object as the read failure', async () => {
    s3.on(GetObjectCommand).resolves({ Body: Readable.from([gzipSync('[1,2]')]) as unknown as GetObjectCommandOutput['Body'] });
    const { logger, lines } = captured();
    const store = createLookupTableStore({ config: { enabled: true, tables: { allow: CONFIG.tables.allow! } }, logger });
    await store.refresh();
    expect(store.snapshot()).toEqual({});
    expect(lines).toContainEqual(expect.objectContaining({ level: 'ERROR', error: expect.stringContaining('expected a JSON object, got an array') }));
  });
});
