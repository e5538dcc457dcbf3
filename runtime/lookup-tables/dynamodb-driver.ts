/**
 * Lookup tables kept in DynamoDB. The rule API is synchronous, so a container loads the whole table (Scan,
 * every page) into its cache and refreshes it on schedule, rather than reading one item per lookup inside a
 * rule. Lookup tables are small (allow and deny lists); `cache_maximum_key_count` bounds what is loaded.
 */
import type { DynamoDbLookupTable } from '../config/intel';
import type { Logger } from '../logger';
import { dynamoDb, type DynamoDb } from './dynamodb-client';
import type { LookupTableDriver, TableValues } from './types';

/** Sets (SS, NS, BS) become arrays, so a value reads the same as one from an S3-backed table. */
function plain(value: unknown): unknown {
  if (value instanceof Set) return [...value].map(plain);
  if (Array.isArray(value)) return value.map(plain);
  if (value !== null && typeof value === 'object' && !(value instanceof Uint8Array)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
  }
  return value;
}

/** The lookup key of an item: the partition key value, and `<delimiter><sort key value>` when there is one. */
export function itemKey(table: DynamoDbLookupTable, item: Readonly<Record<string, unknown>>): string | undefined {
  const partition = item[table.partition_key];
  if (partition === undefined) return undefined;
  if (table.sort_key === undefined) return String(partition);
  const sort = item[table.sort_key];
  return sort === undefined ? undefined : `${String(partition)}${table.key_delimiter}${String(sort)}`;
}

/** The driver of a DynamoDB-backed table. */
export function dynamoDbTableDriver(table: DynamoDbLookupTable, logger: Logger, db: () => Promise<DynamoDb> = () => dynamoDb()): LookupTableDriver {
  return {
    describe: `dynamodb://${table.table}`,
    async load() {
      const { sdk, client } = await db();
      const names: Record<string, string> = { '#p': table.partition_key, '#v': table.value_key };
      if (table.sort_key) names['#s'] = table.sort_key;
      const values: Record<string, unknown> = {};
      let count = 0;
      let start: Record<string, never> | undefined;
      do {
        const page = await client.send(
          new sdk.ScanCommand({
            TableName: table.table,
            ConsistentRead: table.consistent_read,
            ProjectionExpression: Object.keys(names).join(', '),
            ExpressionAttributeNames: names,
            ExclusiveStartKey: start,
          }),
        );
        for (const raw of page.Items ?? []) {
          const item = sdk.unmarshall(raw);
          const key = itemKey(table, item);
          if (key === undefined || !(table.value_key in item)) continue;
          if (count >= table.cache_maximum_key_count) {
            logger.warn('lookup table larger than cache_maximum_key_count; the rest is not loaded', { table: table.table, cache_maximum_key_count: table.cache_maximum_key_count });
            return values;
          }
          values[key] = plain(item[table.value_key]);
          count += 1;
        }
        start = page.LastEvaluatedKey as Record<string, never> | undefined;
      } while (start !== undefined);
      return values as TableValues;
    },
  };
}
