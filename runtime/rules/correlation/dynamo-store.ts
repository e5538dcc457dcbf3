/**
 * Correlation state in DynamoDB, so a group's count is right whichever invocation, shard or cluster sees its
 * events. Table `<prefix>_streamalert_correlation` (made by `terraform generate` when a correlation rule exists):
 * partition key `group`, sort key `item`; an event is item `e#<record id>` (a retried batch writes the same item),
 * the group's last firing is item `m`, moved only by a conditional update. Items expire with the TTL attribute `ttl`.
 */
import { dynamoClient } from '../../alerts/client';
import type { CorrelationEvent, CorrelationMarker, CorrelationState, CorrelationStore } from './types';

/** Options of {@link createDynamoCorrelationStore}. */
export interface DynamoCorrelationStoreOptions {
  readonly table: string;
  /** The table's region (the account region: the table is global). @default AWS_REGION */
  readonly region?: string;
}

const MARKER = 'm';

/** A store on the correlation table. */
export function createDynamoCorrelationStore(options: DynamoCorrelationStoreOptions): CorrelationStore {
  const { table } = options;
  return {
    async add(group, event, windowStart, ttlSeconds) {
      const { sdk, client } = await dynamoClient(options.region);
      const item = { group, item: `e#${event.id}`, ...event, ttl: ttlSeconds };
      await client.send(new sdk.PutItemCommand({ TableName: table, Item: sdk.marshall(item, { removeUndefinedValues: true }) }));
      const events: CorrelationEvent[] = [];
      let marker: CorrelationMarker | undefined;
      let start: Record<string, unknown> | undefined;
      do {
        const page = await client.send(
          new sdk.QueryCommand({
            TableName: table,
            KeyConditionExpression: '#g = :g',
            // Only the marker has `through` (key attributes cannot be filtered on).
            FilterExpression: 'attribute_exists(#through) OR #t >= :start',
            ExpressionAttributeNames: { '#g': 'group', '#through': 'through', '#t': 't' },
            ExpressionAttributeValues: sdk.marshall({ ':g': group, ':start': windowStart }),
            ConsistentRead: true,
            ...(start ? { ExclusiveStartKey: start as never } : {}),
          }),
        );
        for (const raw of page.Items ?? []) {
          const value = sdk.unmarshall(raw);
          if (value.item === MARKER) marker = { through: Number(value.through), trigger: String(value.trigger) };
          else events.push({ id: String(value.id), t: Number(value.t), rule: String(value.rule), ...(Array.isArray(value.values) ? { values: value.values.map(String) } : {}), ...(value.record !== undefined ? { record: String(value.record) } : {}) });
        }
        start = page.LastEvaluatedKey;
      } while (start !== undefined);
      return { events, ...(marker ? { marker } : {}) } satisfies CorrelationState;
    },
    async fire(group, expected, next, ttlSeconds) {
      const { sdk, client } = await dynamoClient(options.region);
      const condition = expected === undefined ? 'attribute_not_exists(#through)' : '#through = :oldThrough AND #trigger = :oldTrigger';
      try {
        await client.send(
          new sdk.UpdateItemCommand({
            TableName: table,
            Key: sdk.marshall({ group, item: MARKER }),
            UpdateExpression: 'SET #through = :through, #trigger = :trigger, #ttl = :ttl',
            ConditionExpression: condition,
            ExpressionAttributeNames: { '#through': 'through', '#trigger': 'trigger', '#ttl': 'ttl' },
            ExpressionAttributeValues: sdk.marshall({
              ':through': next.through,
              ':trigger': next.trigger,
              ':ttl': ttlSeconds,
              ...(expected ? { ':oldThrough': expected.through, ':oldTrigger': expected.trigger } : {}),
            }),
          }),
        );
        return true;
      } catch (err) {
        if ((err as { name?: string }).name === 'ConditionalCheckFailedException') return false;
        throw err;
      }
    },
  };
}
