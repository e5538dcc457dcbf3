/**
 * The alerts table (DynamoDB): the rule processor writes alerts, the merger reads and dispatches them, the
 * processor records each output's success at once with a conditional update and deletes finished alerts.
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { errorMessage } from '../errors';
import type { Alert } from '../rules/types';
import { BATCH_GET_MAX, batchGet, batchWrite, type BatchContext } from './batch-ops';
import { dynamoClient, type DynamoHandle } from './client';
import { AlertStoreError, InvalidAlertItemError } from './errors';
import { acceptedEntry, decodeAlert, decodeKey, encodeAlert, INLINE_ITEM_BYTES, itemBytes, keyItem, MAX_ERROR_CHARS, type Item } from './item';
import { recordKeyOf, type AlertObjects } from './records';
import { DEFAULT_RETRY, sleep as realSleep, type RetryPolicy } from './retry';
import type { AlertKey, StoredAlert } from './types';

/** Options of {@link createAlertStore}. */
export interface AlertStoreOptions {
  readonly table: string;
  /** Days until DynamoDB may expire an item (`TTL`). */
  readonly ttlDays: number;
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
}

/** What {@link AlertStore.putAlerts} did. */
export interface PutAlertsResult {
  readonly written: number;
  /** Alerts already in the table (a retried batch): left as they are, so their delivery state is kept. */
  readonly existing: number;
  /** Alerts whose record went to S3. */
  readonly oversized: number;
  readonly calls: number;
  readonly retried: number;
}

/** One page of a rule's alerts; an item that is not a valid alert comes back as its key and the problem. */
export interface AlertPage {
  readonly alerts: readonly StoredAlert[];
  readonly invalid: readonly { readonly key: AlertKey; readonly error: string }[];
  readonly next?: Record<string, AttributeValue>;
}

/** Outcome of recording one output's success. */
export type MarkSentResult = 'recorded' | 'already-recorded' | 'gone';

/** The alerts table. */
export interface AlertStore {
  readonly table: string;
  /** Writes new alerts (BatchWriteItem, 25 per call); alerts already stored are left alone. */
  putAlerts(alerts: readonly Alert[]): Promise<PutAlertsResult>;
  /** Writes one alert unless its key exists (PutItem, conditional); false when it existed. */
  putIfAbsent(alert: Alert): Promise<boolean>;
  get(key: AlertKey): Promise<StoredAlert | undefined>;
  /** One page of a rule's alerts (Query), at most `limit`. */
  query(ruleName: string, options: { readonly limit: number; readonly start?: Record<string, AttributeValue> }): Promise<AlertPage>;
  /** Rule names that have alerts (Scan of the keys, every page). */
  ruleNames(): Promise<string[]>;
  /** Counts one more dispatch at `at`; false when the alert is gone. */
  markDispatched(key: AlertKey, at: Date): Promise<boolean>;
  /** Records that `output` acknowledged the alert (conditional: the alert exists, the output is not recorded yet). */
  markSent(key: AlertKey, output: string): Promise<MarkSentResult>;
  /**
   * Keeps the latest error of `output`; a permanent failure also puts it in OutputsFailed. `accepted`: the
   * messages of this alert the output took before failing (Slack), kept so the next attempt goes on from there.
   */
  recordFailure(key: AlertKey, output: string, error: string, permanent: boolean, accepted?: number): Promise<void>;
  delete(key: AlertKey): Promise<void>;
  deleteMany(keys: readonly AlertKey[]): Promise<void>;
}

const isConditionFailure = (err: unknown): boolean => (err as { name?: string } | null)?.name === 'ConditionalCheckFailedException';

/** Creates the store of one table. */
export function createAlertStore(options: AlertStoreOptions): AlertStore {
  const table = options.table;
  const dynamo = options.dynamo ?? (() => dynamoClient(options.region));
  const now = options.now ?? (() => new Date());
  const ctx: BatchContext = { dynamo, table, retry: options.retry ?? DEFAULT_RETRY, sleep: options.sleep ?? realSleep };
  const ttl = (): number => Math.floor(now().getTime() / 1000) + options.ttlDays * 86_400;
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

  const loadRecord = async (item: Item): Promise<StoredAlert> => {
    const recordKey = item.RecordKey?.S;
    if (recordKey === undefined || options.objects === undefined) return decodeAlert(item);
    const record = await options.objects.get(recordKey);
    return decodeAlert(item, record as Record<string, unknown>);
  };

  const get = async (key: AlertKey): Promise<StoredAlert | undefined> => {
    const out = await call('GetItem', ({ client, sdk }) => client.send(new sdk.GetItemCommand({ TableName: table, Key: keyItem(key), ConsistentRead: true })));
    return out.Item === undefined ? undefined : loadRecord(out.Item);
  };

  return {
    table,
    async putAlerts(alerts) {
      const unique = [...new Map(alerts.map((a) => [`${a.rule_name}\u0000${a.alert_id}`, a])).values()];
      if (unique.length === 0) return { written: 0, existing: 0, oversized: 0, calls: 0, retried: 0 };
      // BatchWriteItem cannot be conditional: look the keys up first, so a retried batch never resets the
      // delivery state (OutputsSent) of an alert the first attempt stored and the processor already sent.
      const found = await batchGet(ctx, unique.map(keyItem), 'AlertID, RuleName');
      const existing = new Set(found.map((i) => `${i.RuleName?.S}\u0000${i.AlertID?.S}`));
      const fresh = unique.filter((a) => !existing.has(`${a.rule_name}\u0000${a.alert_id}`));
      const expires = ttl();
      let oversized = 0;
      const requests = [];
      for (const alert of fresh) {
        const encoded = await encode(alert, expires);
        if (encoded.oversized) oversized += 1;
        requests.push({ PutRequest: { Item: encoded.item } });
      }
      const { calls, retried } = await batchWrite(ctx, requests);
      // Calls: BatchWriteItem calls (retries included) plus one BatchGetItem per 100 keys (its retries not counted).
      return { written: fresh.length, existing: unique.length - fresh.length, oversized, calls: calls + Math.ceil(unique.length / BATCH_GET_MAX), retried };
    },
    async putIfAbsent(alert) {
      const { item } = await encode(alert, ttl());
      try {
        await call('PutItem', ({ client, sdk }) =>
          client.send(new sdk.PutItemCommand({ TableName: table, Item: item, ConditionExpression: 'attribute_not_exists(AlertID)' })),
        );
        return true;
      } catch (err) {
        if (isConditionFailure(err)) return false;
        throw err;
      }
    },
    get,
    async query(ruleName, { limit, start }) {
      const out = await call('Query', ({ client, sdk }) =>
        client.send(
          new sdk.QueryCommand({
            TableName: table,
            KeyConditionExpression: 'RuleName = :r',
            ExpressionAttributeValues: { ':r': { S: ruleName } },
            Limit: limit,
            ConsistentRead: true,
            ...(start === undefined ? {} : { ExclusiveStartKey: start }),
          }),
        ),
      );
      const alerts: StoredAlert[] = [];
      const invalid: { key: AlertKey; error: string }[] = [];
      for (const item of out.Items ?? []) {
        try {
          alerts.push(await loadRecord(item));
        } catch (err) {
          if (!(err instanceof InvalidAlertItemError) && !(err instanceof SyntaxError)) throw err;
          invalid.push({ key: decodeKey(item), error: errorMessage(err) });
        }
      }
      return { alerts, invalid, ...(out.LastEvaluatedKey === undefined ? {} : { next: out.LastEvaluatedKey }) };
    },
    async ruleNames() {
      const names = new Set<string>();
      let start: Record<string, AttributeValue> | undefined;
      do {
        const out = await call('Scan', ({ client, sdk }) =>
          client.send(new sdk.ScanCommand({ TableName: table, ProjectionExpression: 'RuleName', ...(start === undefined ? {} : { ExclusiveStartKey: start }) })),
        );
        for (const item of out.Items ?? []) if (item.RuleName?.S !== undefined) names.add(item.RuleName.S);
        start = out.LastEvaluatedKey;
      } while (start !== undefined);
      return [...names].sort();
    },
    async markDispatched(key, at) {
      try {
        await call('UpdateItem', ({ client, sdk }) =>
          client.send(
            new sdk.UpdateItemCommand({
              TableName: table,
              Key: keyItem(key),
              UpdateExpression: 'SET Attempts = if_not_exists(Attempts, :zero) + :one, Dispatched = :at, FirstDispatch = if_not_exists(FirstDispatch, :at)',
              ConditionExpression: 'attribute_exists(AlertID)',
              ExpressionAttributeValues: { ':zero': { N: '0' }, ':one': { N: '1' }, ':at': { S: at.toISOString() } },
            }),
          ),
        );
        return true;
      } catch (err) {
        if (isConditionFailure(err)) return false;
        throw err;
      }
    },
    async markSent(key, output) {
      try {
        await call('UpdateItem', ({ client, sdk }) =>
          client.send(
            new sdk.UpdateItemCommand({
              TableName: table,
              Key: keyItem(key),
              UpdateExpression: 'ADD OutputsSent :o REMOVE LastErrors.#o',
              ConditionExpression: 'attribute_exists(AlertID) AND NOT contains(OutputsSent, :out)',
              ExpressionAttributeNames: { '#o': output },
              ExpressionAttributeValues: { ':o': { SS: [output] }, ':out': { S: output } },
            }),
          ),
        );
        return 'recorded';
      } catch (err) {
        if (!isConditionFailure(err)) throw err;
        return (await get(key)) === undefined ? 'gone' : 'already-recorded';
      }
    },
    async recordFailure(key, output, error, permanent, accepted) {
      const values: Record<string, AttributeValue> = { ':e': { S: error.slice(0, MAX_ERROR_CHARS) } };
      const adds: string[] = [];
      if (permanent) {
        values[':o'] = { SS: [output] };
        adds.push('OutputsFailed :o');
      }
      if (accepted !== undefined && accepted > 0) {
        values[':p'] = { SS: [acceptedEntry(output, accepted)] };
        adds.push('Accepted :p');
      }
      try {
        await call('UpdateItem', ({ client, sdk }) =>
          client.send(
            new sdk.UpdateItemCommand({
              TableName: table,
              Key: keyItem(key),
              UpdateExpression: `SET LastErrors.#o = :e${adds.length > 0 ? ` ADD ${adds.join(', ')}` : ''}`,
              ConditionExpression: 'attribute_exists(AlertID)',
              ExpressionAttributeNames: { '#o': output },
              ExpressionAttributeValues: values,
            }),
          ),
        );
      } catch (err) {
        if (!isConditionFailure(err)) throw err;
      }
    },
    async delete(key) {
      await call('DeleteItem', ({ client, sdk }) => client.send(new sdk.DeleteItemCommand({ TableName: table, Key: keyItem(key) })));
    },
    async deleteMany(keys) {
      const unique = [...new Map(keys.map((k) => [`${k.rule_name}\u0000${k.alert_id}`, k])).values()];
      await batchWrite(ctx, unique.map((k) => ({ DeleteRequest: { Key: keyItem(k) } })));
    },
  };
}
