/**
 * The IOC table as an {@link IocSource}: BatchGetItem, at most 100 keys per call (the API's limit:
 * https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_BatchGetItem.html), unprocessed keys
 * retried with backoff. Expired indicators are dropped here: DynamoDB deletes expired items only
 * eventually, so the TTL attribute alone does not stop a match.
 */
import { dynamoDb, type DynamoDb } from '../lookup-tables/dynamodb-client';
import { isLookupKey } from './enrich';
import { IocTableError } from './errors';
import type { Ioc, IocSource } from './types';

/** Most keys of one BatchGetItem call. */
export const BATCH_GET_MAX_KEYS = 100;

/** Options of {@link dynamoDbIocSource}. */
export interface DynamoDbIocSourceOptions {
  readonly table: string;
  /** Region of the IOC table (the account region). @default the function's own */
  readonly region?: string;
  /** Calls after the first for keys DynamoDB left unprocessed. @default 3 */
  readonly maxRetries?: number;
  /** First backoff; doubled on each retry. @default 50 */
  readonly backoffMs?: number;
  /** @default Date.now */
  readonly now?: () => number;
  /** @default the shared client */
  readonly db?: () => Promise<DynamoDb>;
  /** BatchGetItem calls in flight at once. @default 4 */
  readonly concurrency?: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Splits a list into chunks of `size`. */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Looks indicators up in the IOC table. */
export function dynamoDbIocSource(options: DynamoDbIocSourceOptions): IocSource {
  const { table } = options;
  const maxRetries = options.maxRetries ?? 3;
  const backoff = options.backoffMs ?? 50;
  const now = options.now ?? Date.now;
  const getDb = options.db ?? (() => dynamoDb(options.region));

  const batch = async (db: DynamoDb, values: readonly string[]): Promise<Ioc[]> => {
    const found: Ioc[] = [];
    let keys: Record<string, unknown>[] = values.map((v) => ({ ioc_value: { S: v } }));
    for (let attempt = 0; keys.length > 0; attempt += 1) {
      if (attempt > maxRetries) throw new IocTableError(`${keys.length} IOC lookups left unprocessed by ${table} after ${maxRetries} retries`);
      if (attempt > 0) await sleep(backoff * 2 ** (attempt - 1));
      const response = await db.client.send(
        new db.sdk.BatchGetItemCommand({
          RequestItems: {
            [table]: {
              Keys: keys as never,
              ProjectionExpression: '#v, #t, #s, #src, #e',
              ExpressionAttributeNames: { '#v': 'ioc_value', '#t': 'ioc_type', '#s': 'sub_type', '#src': 'source', '#e': 'expiration_ts' },
            },
          },
        }),
      );
      for (const item of response.Responses?.[table] ?? []) found.push(db.sdk.unmarshall(item) as Ioc);
      keys = (response.UnprocessedKeys?.[table]?.Keys ?? []) as Record<string, unknown>[];
    }
    return found;
  };

  return {
    async lookup(given) {
      // A value that cannot be a key would fail its whole batch: never sent (the matcher counts them).
      const values = given.filter(isLookupKey);
      if (values.length === 0) return [];
      const db = await getDb();
      const nowSeconds = now() / 1000;
      const parts = chunks(values, BATCH_GET_MAX_KEYS);
      const results: Ioc[][] = [];
      let next = 0;
      const worker = async (): Promise<void> => {
        while (next < parts.length) {
          const index = next++;
          results[index] = await batch(db, parts[index] ?? []);
        }
      };
      await Promise.all(Array.from({ length: Math.min(options.concurrency ?? 4, parts.length) }, worker));
      return results.flat().filter((ioc) => !isExpired(ioc, nowSeconds));
    },
  };
}

/** True when the indicator's `expiration_ts` (epoch seconds) has passed. */
export function isExpired(ioc: Ioc, nowSeconds: number): boolean {
  return typeof ioc.expiration_ts === 'number' && ioc.expiration_ts <= nowSeconds;
}
