import { gunzipSync, gzipSync } from 'node:zlib';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { GetObjectCommand, PutObjectCommand, S3Client, type GetObjectCommandOutput } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { runLookupTables } from '../../../../cli/lookup-tables';
import { StreamAlertError } from '../../../../runtime/errors';
import { useLoopbackAws } from '../../../_helpers/aws-env';
import { startDynalite, type DynaliteServer } from '../../../_helpers/dynalite-server';
import { DEFAULT_CONF_DIR } from '../../../_helpers/paths';
import { copyToTempDir } from '../../../_helpers/temp-dir';
import { captureContext } from '../deploy/test-context';

const s3 = mockClient(S3Client);
let dynalite: DynaliteServer;
let restoreEnv: () => void;
const conf = copyToTempDir(DEFAULT_CONF_DIR);
writeFileSync(
  join(conf, 'lookup_tables.json'),
  JSON.stringify({
    enabled: true,
    tables: {
      browsers: { driver: 'dynamodb', table: 'cli_browsers', partition_key: 'app', sort_key: 'list', value_key: 'value' },
      allow: { driver: 's3', bucket: 'acme-lookup', key: 'allow.json.gz', compression: 'gzip' },
    },
  }),
);

function body(value: unknown): GetObjectCommandOutput['Body'] {
  return Readable.from([gzipSync(JSON.stringify(value))]) as unknown as GetObjectCommandOutput['Body'];
}

beforeAll(async () => {
  dynalite = await startDynalite();
  await dynalite.createTable({
    TableName: 'cli_browsers',
    AttributeDefinitions: [
      { AttributeName: 'app', AttributeType: 'S' },
      { AttributeName: 'list', AttributeType: 'S' },
    ],
    KeySchema: [
      { AttributeName: 'app', KeyType: 'HASH' },
      { AttributeName: 'list', KeyType: 'RANGE' },
    ],
  });
});

afterAll(() => dynalite.close());

beforeEach(() => {
  s3.reset();
  restoreEnv = useLoopbackAws(dynalite.endpoint);
});

afterEach(() => restoreEnv());

describe('streamalert lookup-tables', () => {
  it('lists the declared tables and their stores', async () => {
    const { ctx, stdout } = captureContext(conf, true);
    await runLookupTables(ctx, { dir: conf, action: 'list' });
    expect(JSON.parse(stdout())).toEqual({
      enabled: true,
      tables: [
        { name: 'browsers', driver: 'dynamodb', store: 'dynamodb://cli_browsers', cache_refresh_minutes: 10 },
        { name: 'allow', driver: 's3', store: 's3://acme-lookup/allow.json.gz (gzip)', cache_refresh_minutes: 10 },
      ],
    });
  });

  it('puts a DynamoDB item split into partition and sort key, then reads it back and describes the table', async () => {
    const set = captureContext(conf);
    await runLookupTables(set.ctx, { dir: conf, action: 'set', table: 'browsers', key: 'duo:denied', value: '["Netscape"]' });
    const get = captureContext(conf, true);
    expect(await runLookupTables(get.ctx, { dir: conf, action: 'get', table: 'browsers', key: 'duo:denied' })).toBeUndefined();
    expect(JSON.parse(get.stdout())).toEqual({ table: 'browsers', key: 'duo:denied', found: true, value: ['Netscape'] });
    const described = captureContext(conf, true);
    await runLookupTables(described.ctx, { dir: conf, action: 'describe', table: 'browsers' });
    expect(JSON.parse(described.stdout())).toEqual(expect.objectContaining({ keys: 1, sample_keys: ['duo:denied'] }));
  });

  it('exits 1 for a key that is not in the table', async () => {
    const { ctx, stderr } = captureContext(conf);
    expect(await runLookupTables(ctx, { dir: conf, action: 'get', table: 'browsers', key: 'duo:nothing' })).toBe(1);
    expect(stderr()).toContain('browsers: no key "duo:nothing"');
  });

  it('rewrites the whole S3 object (gzip kept) with the new key beside the old ones', async () => {
    s3.on(GetObjectCommand).resolves({ Body: body({ admins: ['alice'] }) });
    s3.on(PutObjectCommand).resolves({});
    const { ctx } = captureContext(conf);
    await runLookupTables(ctx, { dir: conf, action: 'set', table: 'allow', key: 'owners', value: 'bob', string: true });
    const put = s3.commandCalls(PutObjectCommand)[0]?.args[0].input;
    expect(put).toEqual(expect.objectContaining({ Bucket: 'acme-lookup', Key: 'allow.json.gz', ContentEncoding: 'gzip' }));
    expect(JSON.parse(gunzipSync(put?.Body as Buffer).toString())).toEqual({ admins: ['alice'], owners: 'bob' });
  });

  it.each([
    [{ action: 'get', table: 'nope', key: 'k' }, /unknown lookup table "nope"/],
    [{ action: 'set', table: 'browsers', key: 'k', value: '{bad' }, /value "\{bad" is not JSON/],
    [{ action: 'set', table: 'browsers', key: 'nodelimiter', value: '1' }, /key "nodelimiter" has no ":"/],
  ] as const)('refuses %o as a usage error', async (options, message) => {
    const { ctx } = captureContext(conf);
    const error = await runLookupTables(ctx, { dir: conf, ...options }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StreamAlertError);
    expect((error as StreamAlertError).exitCode).toBe(2);
    expect((error as Error).message).toMatch(message);
  });
});
