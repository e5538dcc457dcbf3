/**
 * The alerts table (DynamoDB): the rule processor writes alerts (conditionally: neither an alert nor the
 * tombstone of a finished one is ever overwritten), the merger reads only the due ones through the sparse `due`
 * index and claims each dispatch conditionally, the processor claims the alert, records each output's success
 * at once and turns the finished alert into a tombstone.
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { errorMessage } from '../errors';
import type { Alert } from '../rules/types';
import { batchGet, batchWrite, type BatchContext } from './batch-ops';
import { dynamoClient, type DynamoHandle } from './client';
import { AlertStoreError, InvalidAlertItemError, isPermanentReadError, RecordReadError } from './errors';
import { decodeAlert, decodeKey, DUE_INDEX, DUE_SHARD, encodeAlert, INLINE_ITEM_BYTES, isTombstone, itemBytes, keyItem, tombstoneItem, type Item, type TombstoneOutcome } from './item';
import { recordKeyOf, type AlertObjects } from './records';
import { DEFAULT_RETRY, sleep as realSleep, type RetryPolicy } from './retry';
import { createAlertUpdates, isConditionFailure, type AlertUpdates } from './store-updates';
import type { AlertKey, StoredAlert } from './types';
import { ASYNC_MAX_EVENT_AGE_SECONDS, SQS_MAX_RETENTION_SECONDS, TOMBSTONE_MARGIN_SECONDS } from './tombstone';

/** Options of {@link createAlertStore}. */
export interface AlertStoreOptions {
  readonly table: string;
  /** Days until DynamoDB may expire an alert item (`TTL`). */
  readonly ttlDays: number;
  /** Seconds a tombstone lives (see tombstoneSecondsOf). @default 15 days (SQS's longest retention plus a day) */
  readonly tombstoneSeconds?: number;
  /** Where records too large for an item go. Without it, such an alert fails the write (never truncated). */
  readonly objects?: AlertObjects;
  /** Region of the table (the account region). @default AWS_REGION */
  readonly region?: string;
  /** @default the shared lazily loaded client of `region` */
  readonly dynamo?: () => Promise<DynamoHandle>;
  /** @default DEFAULT_RETRY */
  readonly retry?: RetryPolicy;
  /** @default setTimeout */
  readonly sleep?: (ms: number) => Promise<void>;
  /** @default () => new Date() */
  readonly now?: () => Date;
  /** Conditional PutItem calls of `putAlerts` in flight at once. @default 16 */
  readonly writeConcurrency?: number;
}

/** What {@link AlertStore.putAlerts} did. */
export interface PutAlertsResult {
  readonly written: number;
  /** Alerts already in the table, or finished (their tombstone is there): left as they are, never sent again. */
  readonly existing: number;
  /** Alerts whose record went to S3. */
  readonly oversized: number;
  readonly calls: number;
  readonly retried: number;
}

/** One page of a rule's pending alerts; an item that is not a valid alert comes back as its key and the problem. */
export interface AlertPage {
  readonly alerts: readonly StoredAlert[];
  readonly invalid: readonly { readonly key: AlertKey; readonly error: string }[];
  readonly next?: Record<string, AttributeValue>;
}

/** One entry of the `due` index: an alert key and when it became due (epoch ms). */
export interface DueKey extends AlertKey {
  readonly due_at: number;
}

/** The alerts table. */
export interface AlertStore extends AlertUpdates {
  readonly table: string;
  /** Writes new alerts (conditional PutItem each): alerts stored already, and tombstones, are left alone. */
  putAlerts(alerts: readonly Alert[]): Promise<PutAlertsResult>;
  /** Writes one alert unless its key exists (alert or tombstone); false when it existed. */
  putIfAbsent(alert: Alert): Promise<boolean>;
  /** The pending alert (consistent read); undefined when there is none or only its tombstone. */
  get(key: AlertKey): Promise<StoredAlert | undefined>;
  /** The raw items of `keys` (consistent BatchGetItem), tombstones included; missing keys are left out. */
  getItems(keys: readonly AlertKey[]): Promise<Item[]>;
  /**
   * A pending item back to its alert, its record read from S3 when it is there.
   * @throws InvalidAlertItemError (permanent) or RecordReadError (permanent or not, see its `permanent`).
   */
  decode(item: Item): Promise<StoredAlert>;
  /** One page of a rule's pending alerts (Query, consistent; tombstones skipped), at most `limit`. */
  query(ruleName: string, options: { readonly limit: number; readonly start?: Record<string, AttributeValue> }): Promise<AlertPage>;
  /** Raw pending items of a rule (every page, consistent): merge candidates. */
  pendingItems(ruleName: string): Promise<Item[]>;
  /** Keys of alerts due at `now`, oldest due first, from the `due` index (eventually consistent). */
  dueKeys(now: Date, options: { readonly limit: number; readonly start?: Record<string, AttributeValue> }): Promise<{ keys: DueKey[]; next?: Record<string, AttributeValue> }>;
  /** Turns pending items into tombstones at once (BatchWriteItem): merged members. */
  tombstoneMany(keys: readonly AlertKey[], outcome: TombstoneOutcome, at: Date): Promise<void>;
  delete(key: AlertKey): Promise<void>;
}

/** Creates the store of one table. */
export function createAlertStore(options: AlertStoreOptions): AlertStore {
  const table = options.table;
  const dynamo = options.dynamo ?? (() => dynamoClient(options.region));
  const now = options.now ?? (() => new Date());
  const ctx: BatchContext = { dynamo, table, retry: options.retry ?? DEFAULT_RETRY, sleep: options.sleep ?? realSleep };
  const ttl = (): number => Math.floor(now().getTime() / 1000) + options.ttlDays * 86_400;
  const tombstoneSeconds = options.tombstoneSeconds ?? Math.max(SQS_MAX_RETENTION_SECONDS, ASYNC_MAX_EVENT_AGE_SECONDS) + TOMBSTONE_MARGIN_SECONDS;
  const tombstoneTtl = (at: Date): number => Math.floor(at.getTime() / 1000) + tombstoneSeconds;
  const call = async <T>(what: string, run: (h: DynamoHandle) => Promise<T>): Promise<T> => {
    const handle = await dynamo();
    try {
      return await run(handle);
    } catch (err) {
      if (isConditionFailure(err)) throw err;
      throw new AlertStoreError(`${what} on table ${table} failed: ${errorMessage(err)}`, err);
    }
  };

  const encode = async (alert: Alert, expires: number): Promise<{ item: Item; oversized: boolean }> => {
    const inline = encodeAlert(alert, { ttl: expires });
    if (itemBytes(inline) <= INLINE_ITEM_BYTES) return { item: inline, oversized: false };
    if (options.objects === undefined) {
      throw new AlertStoreError(`alert ${alert.rule_name}/${alert.alert_id} is ${itemBytes(inline)} bytes, over the item limit, and no bucket is set for large records (ALERTS_BUCKET)`);
    }
    const recordKey = recordKeyOf(alert);
    try {
      await options.objects.put(recordKey, alert.record);
    } catch (err) {
      throw new AlertStoreError(`storing the record of alert ${alert.rule_name}/${alert.alert_id} in S3 failed: ${errorMessage(err)}`, err);
    }
    return { item: encodeAlert(alert, { ttl: expires, recordKey }), oversized: true };
  };

  const decode = async (item: Item): Promise<StoredAlert> => {
    const recordKey = item.RecordKey?.S;
    if (recordKey === undefined || options.objects === undefined) return decodeAlert(item);
    let record: unknown;
    try {
      record = await options.objects.get(recordKey);
    } catch (err) {
      const key = decodeKey(item);
      throw new RecordReadError(`reading the record of alert ${key.rule_name}/${key.alert_id} (${recordKey}) failed: ${errorMessage(err)}`, isPermanentReadError(err), err);
    }
    if (typeof record !== 'object' || record === null || Array.isArray(record)) {
      const key = decodeKey(item);
      throw new RecordReadError(`the record of alert ${key.rule_name}/${key.alert_id} (${recordKey}) is not a JSON object`, true);
    }
    return decodeAlert(item, record as Record<string, unknown>);
  };

  const putIfAbsent = async (alert: Alert, expires = ttl()): Promise<{ written: boolean; oversized: boolean }> => {
    const { item, oversized } = await encode(alert, expires);
    try {
      await call('PutItem', ({ client, sdk }) =>
        client.send(new sdk.PutItemCommand({ TableName: table, Item: item, ConditionExpression: 'attribute_not_exists(AlertID)' })),
      );
      return { written: true, oversized };
    } catch (err) {
      if (isConditionFailure(err)) return { written: false, oversized };
      throw err;
    }
  };

  const queryRule = async (ruleName: string, limit: number | undefined, start?: Record<string, AttributeValue>) =>
    call('Query', ({ client, sdk }) =>
      client.send(
        new sdk.QueryCommand({
          TableName: table,
          KeyConditionExpression: 'RuleName = :r',
          FilterExpression: 'attribute_exists(DueAt)',
          ExpressionAttributeValues: { ':r': { S: ruleName } },
          ConsistentRead: true,
          ...(limit === undefined ? {} : { Limit: limit }),
          ...(start === undefined ? {} : { ExclusiveStartKey: start }),
        }),
      ),
    );

  const updates = createAlertUpdates({ table, call, tombstoneTtl });

  return {
    table,
    ...updates,
    async putAlerts(alerts) {
      const unique = [...new Map(alerts.map((a) => [`${a.rule_name}\u0000${a.alert_id}`, a])).values()];
      // One conditional PutItem per alert (BatchWriteItem cannot be conditional): a retried batch neither resets
      // the delivery state of a stored alert nor brings back an alert whose tombstone says it was delivered.
      const expires = ttl();
      let written = 0;
      let oversized = 0;
      let next = 0;
      const worker = async (): Promise<void> => {
        while (next < unique.length) {
          const alert = unique[next];
          next += 1;
          const result = await putIfAbsent(alert, expires);
          if (result.written) written += 1;
          if (result.oversized) oversized += 1;
        }
      };
      await Promise.all(Array.from({ length: Math.min(options.writeConcurrency ?? 16, unique.length) }, worker));
      return { written, existing: unique.length - written, oversized, calls: unique.length, retried: 0 };
    },
    async putIfAbsent(alert) {
      return (await putIfAbsent(alert)).written;
    },
    async get(key) {
      const out = await call('GetItem', ({ client, sdk }) => client.send(new sdk.GetItemCommand({ TableName: table, Key: keyItem(key), ConsistentRead: true })));
      return out.Item === undefined || isTombstone(out.Item) ? undefined : decode(out.Item);
    },
    getItems: (keys) => batchGet(ctx, keys.map(keyItem), undefined, true),
    decode,
    async query(ruleName, { limit, start }) {
      const out = await queryRule(ruleName, limit, start);
      const alerts: StoredAlert[] = [];
      const invalid: { key: AlertKey; error: string }[] = [];
      for (const item of out.Items ?? []) {
        try {
          alerts.push(await decode(item));
        } catch (err) {
          if (!(err instanceof InvalidAlertItemError) && !(err instanceof RecordReadError)) throw err;
          invalid.push({ key: decodeKey(item), error: errorMessage(err) });
        }
      }
      return { alerts, invalid, ...(out.LastEvaluatedKey === undefined ? {} : { next: out.LastEvaluatedKey }) };
    },
    async pendingItems(ruleName) {
      const items: Item[] = [];
      let start: Record<string, AttributeValue> | undefined;
      do {
        const out = await queryRule(ruleName, undefined, start);
        items.push(...(out.Items ?? []));
        start = out.LastEvaluatedKey;
      } while (start !== undefined);
      return items;
    },
    async dueKeys(at, { limit, start }) {
      const out = await call('Query', ({ client, sdk }) =>
        client.send(
          new sdk.QueryCommand({
            TableName: table,
            IndexName: DUE_INDEX,
            KeyConditionExpression: 'DueShard = :s AND DueAt <= :now',
            ExpressionAttributeValues: { ':s': { S: DUE_SHARD }, ':now': { N: String(at.getTime()) } },
            Limit: limit,
            ...(start === undefined ? {} : { ExclusiveStartKey: start }),
          }),
        ),
      );
      const keys: DueKey[] = [];
      for (const item of out.Items ?? []) {
        const rule = item.RuleName?.S;
        const id = item.AlertID?.S;
        if (rule !== undefined && id !== undefined) keys.push({ rule_name: rule, alert_id: id, due_at: Number(item.DueAt?.N ?? '0') });
      }
      return { keys, ...(out.LastEvaluatedKey === undefined ? {} : { next: out.LastEvaluatedKey }) };
    },
    async tombstoneMany(keys, outcome, at) {
      const unique = [...new Map(keys.map((k) => [`${k.rule_name}\u0000${k.alert_id}`, k])).values()];
      await batchWrite(ctx, unique.map((k) => ({ PutRequest: { Item: tombstoneItem(k, outcome, at, tombstoneTtl(at)) } })));
    },
    async delete(key) {
      await call('DeleteItem', ({ client, sdk }) => client.send(new sdk.DeleteItemCommand({ TableName: table, Key: keyItem(key) })));
    },
  };
}
