/**
 * The conditional updates of one alert item: the merger's dispatch claim, the processor's claim, each output's
 * success or failure, and the tombstone that replaces a finished alert.
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { DynamoHandle } from './client';
import { acceptedEntry, keyItem, MAX_ERROR_CHARS, tombstoneItem, type Item, type TombstoneOutcome } from './item';
import type { AlertKey } from './types';

/** Outcome of recording one output's success. */
export type MarkSentResult = 'recorded' | 'already-recorded' | 'gone';
/**
 * Outcome of the processor's claim: held by this invocation (with the item as the claim left it, a consistent
 * read), by another one still running, or finished/gone.
 */
export type ProcessingClaim = { readonly status: 'claimed'; readonly item: Item } | { readonly status: 'busy' | 'gone' };

/** Whether an SDK error is a failed condition (the item was not as expected). */
export const isConditionFailure = (err: unknown): boolean => (err as { name?: string } | null)?.name === 'ConditionalCheckFailedException';

/** The updates of {@link createAlertUpdates}. */
export interface AlertUpdates {
  /**
   * The merger's claim of one dispatch: counts it and moves `DueAt` from `seenDueAt` (what the run read) to
   * `nextDueAt`. False when the alert is gone, finished, or another run changed `DueAt` first (claimed it).
   */
  claimDispatch(key: AlertKey, seenDueAt: number, at: Date, nextDueAt: number): Promise<boolean>;
  /** The processor's claim until `until` (epoch ms): refused while another invocation holds it. */
  claimProcessing(key: AlertKey, at: Date, until: number): Promise<ProcessingClaim>;
  /** Ends this invocation's claim (the one that set `until`), so a later dispatch need not wait for it to expire. */
  releaseProcessing(key: AlertKey, until: number): Promise<void>;
  /** Records that `output` acknowledged the alert (conditional: the alert is pending, the output not recorded yet). */
  markSent(key: AlertKey, output: string): Promise<MarkSentResult>;
  /**
   * Keeps the latest error of `output`; a permanent failure also puts it in OutputsFailed. `accepted`: the
   * messages of this alert the output took before failing (Slack), kept so the next attempt goes on from there.
   */
  recordFailure(key: AlertKey, output: string, error: string, permanent: boolean, accepted?: number): Promise<void>;
  /** Replaces the pending alert by its tombstone (conditional: it is pending); false when it was not. */
  tombstone(key: AlertKey, outcome: TombstoneOutcome, at: Date): Promise<boolean>;
  /** Takes the merge lock of a rule until `until` (epoch ms) for `owner`; false while another run holds it. */
  lockRule(rule: string, owner: string, at: Date, until: number): Promise<boolean>;
  /** Releases the merge lock of a rule if `owner` still holds it. */
  unlockRule(rule: string, owner: string): Promise<void>;
}

/** `AlertID` of a rule's merge lock item (alert ids are hex, so it never names an alert; it has no `DueAt`). */
export const MERGE_LOCK_ID = '#merge-lock';

/** What the updates need from the store. */
export interface UpdateContext {
  readonly table: string;
  readonly call: <T>(what: string, run: (h: DynamoHandle) => Promise<T>) => Promise<T>;
  readonly tombstoneTtl: (at: Date) => number;
}

const PENDING = 'attribute_exists(AlertID) AND attribute_not_exists(Tombstone)';

/** Creates the updates of one table. */
export function createAlertUpdates(ctx: UpdateContext): AlertUpdates {
  const { table, call } = ctx;
  /** The conditional update; the item after it (ALL_NEW) when `returnItem`, `{}` otherwise; undefined when refused. */
  const updateItem = async (key: AlertKey, expression: string, condition: string, values: Record<string, AttributeValue>, names?: Record<string, string>, returnItem = false): Promise<Item | undefined> => {
    try {
      const out = await call('UpdateItem', ({ client, sdk }) =>
        client.send(
          new sdk.UpdateItemCommand({
            TableName: table,
            Key: keyItem(key),
            UpdateExpression: expression,
            ConditionExpression: condition,
            ExpressionAttributeValues: values,
            ...(names === undefined ? {} : { ExpressionAttributeNames: names }),
            ...(returnItem ? { ReturnValues: 'ALL_NEW' as const } : {}),
          }),
        ),
      );
      return out.Attributes ?? {};
    } catch (err) {
      if (isConditionFailure(err)) return undefined;
      throw err;
    }
  };
  const update = async (key: AlertKey, expression: string, condition: string, values: Record<string, AttributeValue>, names?: Record<string, string>): Promise<boolean> =>
    (await updateItem(key, expression, condition, values, names)) !== undefined;
  const exists = async (key: AlertKey): Promise<boolean> => {
    const out = await call('GetItem', ({ client, sdk }) =>
      client.send(new sdk.GetItemCommand({ TableName: table, Key: keyItem(key), ConsistentRead: true, ProjectionExpression: 'AlertID, Tombstone' })),
    );
    return out.Item !== undefined && out.Item.Tombstone === undefined;
  };

  return {
    claimDispatch: (key, seenDueAt, at, nextDueAt) =>
      update(
        key,
        'SET Attempts = if_not_exists(Attempts, :zero) + :one, Dispatched = :at, FirstDispatch = if_not_exists(FirstDispatch, :at), DueAt = :next',
        `${PENDING} AND DueAt = :seen`,
        { ':zero': { N: '0' }, ':one': { N: '1' }, ':at': { S: at.toISOString() }, ':next': { N: String(nextDueAt) }, ':seen': { N: String(seenDueAt) } },
      ),
    async claimProcessing(key, at, until) {
      const condition = `${PENDING} AND (attribute_not_exists(ProcessingUntil) OR ProcessingUntil <= :now)`;
      const item = await updateItem(key, 'SET ProcessingUntil = :until', condition, { ':until': { N: String(until) }, ':now': { N: String(at.getTime()) } }, undefined, true);
      if (item !== undefined) return { status: 'claimed', item };
      return { status: (await exists(key)) ? 'busy' : 'gone' };
    },
    async releaseProcessing(key, until) {
      await update(key, 'REMOVE ProcessingUntil', `${PENDING} AND ProcessingUntil = :until`, { ':until': { N: String(until) } });
    },
    async markSent(key, output) {
      const ok = await update(key, 'ADD OutputsSent :o REMOVE LastErrors.#o', `${PENDING} AND NOT contains(OutputsSent, :out)`, { ':o': { SS: [output] }, ':out': { S: output } }, { '#o': output });
      if (ok) return 'recorded';
      return (await exists(key)) ? 'already-recorded' : 'gone';
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
      await update(key, `SET LastErrors.#o = :e${adds.length > 0 ? ` ADD ${adds.join(', ')}` : ''}`, PENDING, values, { '#o': output });
    },
    async tombstone(key, outcome, at) {
      try {
        await call('PutItem', ({ client, sdk }) =>
          client.send(new sdk.PutItemCommand({ TableName: table, Item: tombstoneItem(key, outcome, at, ctx.tombstoneTtl(at)), ConditionExpression: PENDING })),
        );
        return true;
      } catch (err) {
        if (isConditionFailure(err)) return false;
        throw err;
      }
    },
    async lockRule(rule, owner, at, until) {
      try {
        await call('PutItem', ({ client, sdk }) =>
          client.send(
            new sdk.PutItemCommand({
              TableName: table,
              Item: { ...keyItem({ rule_name: rule, alert_id: MERGE_LOCK_ID }), LockOwner: { S: owner }, LockedUntil: { N: String(until) }, TTL: { N: String(Math.ceil(until / 1000) + 86_400) } },
              ConditionExpression: 'attribute_not_exists(AlertID) OR LockedUntil <= :now',
              ExpressionAttributeValues: { ':now': { N: String(at.getTime()) } },
            }),
          ),
        );
        return true;
      } catch (err) {
        if (isConditionFailure(err)) return false;
        throw err;
      }
    },
    async unlockRule(rule, owner) {
      try {
        await call('DeleteItem', ({ client, sdk }) =>
          client.send(
            new sdk.DeleteItemCommand({ TableName: table, Key: keyItem({ rule_name: rule, alert_id: MERGE_LOCK_ID }), ConditionExpression: 'LockOwner = :o', ExpressionAttributeValues: { ':o': { S: owner } } }),
          ),
        );
      } catch (err) {
        if (!isConditionFailure(err)) throw err;
      }
    },
  };
}
