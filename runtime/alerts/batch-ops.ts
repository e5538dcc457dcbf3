/**
 * BatchWriteItem and BatchGetItem with DynamoDB's per-call limits (25 writes, 100 keys) and bounded retries
 * of the items it leaves unprocessed.
 */
import type { BatchGetItemCommandOutput, KeysAndAttributes, WriteRequest } from '@aws-sdk/client-dynamodb';
import { errorMessage } from '../errors';
import type { DynamoHandle } from './client';
import { AlertStoreError } from './errors';
import type { Item } from './item';
import { backoffMs, chunks, type RetryPolicy } from './retry';

/** Most requests in one BatchWriteItem (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_BatchWriteItem.html). */
export const BATCH_WRITE_MAX = 25;
/** Most keys in one BatchGetItem. */
export const BATCH_GET_MAX = 100;

/** What the batch helpers need. */
export interface BatchContext {
  readonly dynamo: () => Promise<DynamoHandle>;
  readonly table: string;
  readonly retry: RetryPolicy;
  readonly sleep: (ms: number) => Promise<void>;
}

/**
 * Writes (puts or deletes) every request, 25 per call, retrying unprocessed ones with backoff.
 * @throws AlertStoreError when a call fails or items are still unprocessed after the last attempt.
 */
export async function batchWrite(ctx: BatchContext, requests: readonly WriteRequest[]): Promise<{ calls: number; retried: number }> {
  const { client, sdk } = await ctx.dynamo();
  let calls = 0;
  let retried = 0;
  for (const chunk of chunks(requests, BATCH_WRITE_MAX)) {
    let pending: WriteRequest[] = chunk;
    for (let attempt = 1; pending.length > 0; attempt += 1) {
      if (attempt > ctx.retry.attempts) {
        throw new AlertStoreError(`${pending.length} alert item(s) still unprocessed by table ${ctx.table} after ${ctx.retry.attempts} BatchWriteItem calls`);
      }
      if (attempt > 1) {
        retried += pending.length;
        await ctx.sleep(backoffMs(ctx.retry, attempt));
      }
      calls += 1;
      try {
        const out = await client.send(new sdk.BatchWriteItemCommand({ RequestItems: { [ctx.table]: pending } }));
        pending = out.UnprocessedItems?.[ctx.table] ?? [];
      } catch (err) {
        throw new AlertStoreError(`BatchWriteItem on table ${ctx.table} failed: ${errorMessage(err)}`, err);
      }
    }
  }
  return { calls, retried };
}

/**
 * Reads the items of `keys` (only the attributes of `projection` when given; strongly consistent when asked), 100 per call, retrying
 * unprocessed keys with backoff.
 * @throws AlertStoreError when a call fails or keys stay unprocessed.
 */
export async function batchGet(ctx: BatchContext, keys: readonly Item[], projection?: string, consistent = false): Promise<Item[]> {
  const { client, sdk } = await ctx.dynamo();
  const found: Item[] = [];
  for (const chunk of chunks(keys, BATCH_GET_MAX)) {
    let pending: KeysAndAttributes | undefined = { Keys: chunk, ConsistentRead: consistent, ...(projection === undefined ? {} : { ProjectionExpression: projection }) };
    for (let attempt = 1; pending !== undefined && (pending.Keys?.length ?? 0) > 0; attempt += 1) {
      if (attempt > ctx.retry.attempts) throw new AlertStoreError(`keys still unprocessed by table ${ctx.table} after ${ctx.retry.attempts} BatchGetItem calls`);
      if (attempt > 1) await ctx.sleep(backoffMs(ctx.retry, attempt));
      try {
        const out: BatchGetItemCommandOutput = await client.send(new sdk.BatchGetItemCommand({ RequestItems: { [ctx.table]: pending } }));
        found.push(...(out.Responses?.[ctx.table] ?? []));
        pending = out.UnprocessedKeys?.[ctx.table];
      } catch (err) {
        throw new AlertStoreError(`BatchGetItem on table ${ctx.table} failed: ${errorMessage(err)}`, err);
      }
    }
  }
  return found;
}
