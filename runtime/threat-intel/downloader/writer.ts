/**
 * Writes indicators to the IOC table with BatchWriteItem: 25 items per call (the API's limit:
 * https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_BatchWriteItem.html), one item per
 * value in a call (duplicates are refused by the API: the last one wins), unprocessed items retried.
 */
import { dynamoDb, type DynamoDb } from '../../lookup-tables/dynamodb-client';
import { chunks } from '../dynamodb-source';
import { IocTableError } from '../errors';
import type { Ioc } from '../types';

/** Most items of one BatchWriteItem call. */
export const BATCH_WRITE_MAX_ITEMS = 25;

/** Writes indicators; resolves with how many were written. */
export type IocWriter = (iocs: readonly Required<Ioc>[]) => Promise<number>;

/** The IOC table writer. */
export function dynamoDbIocWriter(
  table: string,
  options: { readonly db?: () => Promise<DynamoDb>; readonly region?: string; readonly maxRetries?: number; readonly backoffMs?: number } = {},
): IocWriter {
  const maxRetries = options.maxRetries ?? 5;
  const backoff = options.backoffMs ?? 100;
  return async (iocs) => {
    if (iocs.length === 0) return 0;
    const { sdk, client } = await (options.db ?? (() => dynamoDb(options.region)))();
    const unique = [...new Map(iocs.map((i) => [i.ioc_value, i])).values()];
    for (const part of chunks(unique, BATCH_WRITE_MAX_ITEMS)) {
      let requests = part.map((ioc) => ({ PutRequest: { Item: sdk.marshall(ioc) } })) as unknown[];
      for (let attempt = 0; requests.length > 0; attempt += 1) {
        if (attempt > maxRetries) throw new IocTableError(`${requests.length} indicators left unprocessed by ${table} after ${maxRetries} retries`);
        if (attempt > 0) await new Promise((r) => setTimeout(r, backoff * 2 ** (attempt - 1)));
        const out = await client.send(new sdk.BatchWriteItemCommand({ RequestItems: { [table]: requests as never } }));
        requests = (out.UnprocessedItems?.[table] ?? []) as unknown[];
      }
    }
    return unique.length;
  };
}
