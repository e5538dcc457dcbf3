/**
 * The backing stores of lookup tables, from the CLI: an S3-backed table is one JSON object read whole and
 * rewritten whole on `set` (gzip kept when configured); a DynamoDB-backed table is read with GetItem or
 * Scan and written with PutItem (`<partition><delimiter><sort>` keys split back into their two parts).
 */
import { DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { gzipSync } from 'node:zlib';
import type { DynamoDbLookupTable, S3LookupTable } from '../../runtime/config';
import { UsageError } from '../../runtime/errors';
import { dynamoDbTableDriver, parseTableObject, type DynamoDb } from '../../runtime/lookup-tables';
import { silentLogger } from '../../runtime/logger';
import { awsErrorName, createS3Client, customEndpoint, suppressNodeVersionWarning } from '../aws';
import type { TableAccess, TableAccessFactory } from './types';

async function readS3(table: S3LookupTable, region: string): Promise<Record<string, unknown>> {
  const s3 = createS3Client(region);
  try {
    const out = await s3.send(new GetObjectCommand({ Bucket: table.bucket, Key: table.key }));
    const parts: Buffer[] = [];
    for await (const part of (out.Body ?? []) as AsyncIterable<Uint8Array>) parts.push(Buffer.from(part));
    const bytes = Buffer.concat(parts);
    return { ...parseTableObject(bytes, `s3://${table.bucket}/${table.key}`, table.compression === 'gzip') };
  } catch (err) {
    if (awsErrorName(err) === 'NoSuchKey') return {};
    throw err;
  }
}

function s3Access(table: S3LookupTable, region: string): TableAccess {
  return {
    readAll: () => readS3(table, region),
    get: async (key) => (await readS3(table, region))[key],
    async set(key, value) {
      const values = await readS3(table, region);
      values[key] = value;
      const text = Buffer.from(JSON.stringify(values));
      const gzip = table.compression === 'gzip';
      await createS3Client(region).send(
        new PutObjectCommand({ Bucket: table.bucket, Key: table.key, Body: gzip ? gzipSync(text) : text, ContentType: 'application/json', ...(gzip ? { ContentEncoding: 'gzip' } : {}) }),
      );
    },
  };
}

function dynamoClient(region: string): DynamoDBClient {
  suppressNodeVersionWarning();
  const endpoint = customEndpoint('DYNAMODB');
  return new DynamoDBClient({ region, ...(endpoint ? { endpoint } : {}) });
}

/** The item key of a lookup key: the partition value, and the sort value after the delimiter. */
export function splitKey(table: DynamoDbLookupTable, key: string): Record<string, string> {
  if (table.sort_key === undefined) return { [table.partition_key]: key };
  const at = key.indexOf(table.key_delimiter);
  if (at < 0) throw new UsageError(`key "${key}" has no "${table.key_delimiter}": table ${table.table} keys are <${table.partition_key}>${table.key_delimiter}<${table.sort_key}>`);
  return { [table.partition_key]: key.slice(0, at), [table.sort_key]: key.slice(at + table.key_delimiter.length) };
}

function dynamoAccess(table: DynamoDbLookupTable, region: string): TableAccess {
  const client = dynamoClient(region);
  return {
    async readAll() {
      const sdk = await import('../../runtime/lookup-tables/dynamodb-sdk.lazy');
      const db: DynamoDb = { sdk, client };
      return { ...(await dynamoDbTableDriver(table, silentLogger, async () => db).load()) };
    },
    async get(key) {
      const out = await client.send(new GetItemCommand({ TableName: table.table, Key: marshall(splitKey(table, key)), ConsistentRead: true }));
      return out.Item ? unmarshall(out.Item)[table.value_key] : undefined;
    },
    async set(key, value) {
      await client.send(new PutItemCommand({ TableName: table.table, Item: marshall({ ...splitKey(table, key), [table.value_key]: value }, { removeUndefinedValues: true }) }));
    },
  };
}

/** The default access of a table. */
export const tableAccess: TableAccessFactory = (table, region) => (table.driver === 's3' ? s3Access(table, region) : dynamoAccess(table, region));
