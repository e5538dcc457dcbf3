/**
 * The rules table (`<prefix>_streamalert_rules`, hash key `RuleName`): one item per rule with its staging
 * state. `lambda deploy` registers new rules, the rule processor reads the state and counts staged alerts
 * (an atomic ADD), the promotion function and `rule staging stage|unstage` change it.
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { DynamoHandle } from '../alerts/client';
import { RulesTableError, UnknownStagedRuleError } from './errors';
import type { RuleStagingState } from './types';

/** Hash key of the rules table. */
export const RULES_HASH_KEY = 'RuleName';

/** Options of {@link createRulesTable}. */
export interface RulesTableOptions {
  readonly table: string;
  readonly dynamo: () => Promise<DynamoHandle>;
}

/** Calls on the rules table. */
export interface RulesTable {
  readonly name: string;
  /** Adds a rule unless present: 'added' or 'exists' (an existing item is never changed). */
  register(rule: string, staged: boolean, now: Date, hours: number): Promise<'added' | 'exists'>;
  get(rule: string): Promise<RuleStagingState | undefined>;
  /** The states of `rules` (absent rules are left out). */
  getMany(rules: readonly string[]): Promise<Map<string, RuleStagingState>>;
  /** Every rule, sorted by name. */
  list(): Promise<RuleStagingState[]>;
  /** Stages a rule from `now` for `hours`, with its count at zero. @throws UnknownStagedRuleError */
  stage(rule: string, now: Date, hours: number): Promise<RuleStagingState>;
  /** Promotes a rule now (staged false, last promoted now). `onlyIfStaged`: do nothing (false) unless staged. */
  unstage(rule: string, now: Date, onlyIfStaged?: boolean): Promise<boolean>;
  /** Keeps a staged rule for another period from `now`, its count at zero; false when it is no longer staged. */
  extend(rule: string, now: Date, hours: number): Promise<boolean>;
  /** Adds `count` to the alert count of a staged rule (no change once it is promoted). */
  addAlerts(rule: string, count: number): Promise<void>;
}

type Item = Record<string, AttributeValue>;

function fromItem(item: Item): RuleStagingState {
  return {
    rule_name: item.RuleName?.S ?? '',
    staged: item.Staged?.BOOL === true,
    ...(item.StagedAt?.S ? { staged_at: item.StagedAt.S } : {}),
    ...(item.StagedUntil?.S ? { staged_until: item.StagedUntil.S } : {}),
    ...(item.LastPromoted?.S ? { last_promoted: item.LastPromoted.S } : {}),
    alert_count: Number(item.AlertCount?.N ?? '0'),
  };
}

const plusHours = (now: Date, hours: number): string => new Date(now.getTime() + hours * 3_600_000).toISOString();
const isConditionFailure = (err: unknown): boolean => (err as { name?: string }).name === 'ConditionalCheckFailedException';

/** The rules table `options.table`. */
export function createRulesTable(options: RulesTableOptions): RulesTable {
  const TableName = options.table;
  const call = async <T>(what: string, fn: (h: DynamoHandle) => Promise<T>): Promise<T> => {
    const handle = await options.dynamo();
    try {
      return await fn(handle);
    } catch (err) {
      if (isConditionFailure(err)) throw err;
      throw new RulesTableError(`rules table ${TableName}: ${what} failed: ${(err as Error).message}`, err);
    }
  };
  const key = (rule: string): Item => ({ [RULES_HASH_KEY]: { S: rule } });
  const conditional = async (what: string, fn: (h: DynamoHandle) => Promise<unknown>): Promise<boolean> => {
    try {
      await call(what, fn);
      return true;
    } catch (err) {
      if (isConditionFailure(err)) return false;
      throw err;
    }
  };

  const table: RulesTable = {
    name: TableName,
    async register(rule, staged, now, hours) {
      const Item: Item = { RuleName: { S: rule }, Staged: { BOOL: staged }, AlertCount: { N: '0' } };
      if (staged) Object.assign(Item, { StagedAt: { S: now.toISOString() }, StagedUntil: { S: plusHours(now, hours) } });
      const added = await conditional('PutItem', ({ sdk, client }) =>
        client.send(new sdk.PutItemCommand({ TableName, Item, ConditionExpression: 'attribute_not_exists(RuleName)' })),
      );
      return added ? 'added' : 'exists';
    },
    async get(rule) {
      const out = await call('GetItem', ({ sdk, client }) => client.send(new sdk.GetItemCommand({ TableName, Key: key(rule), ConsistentRead: true })));
      return out.Item ? fromItem(out.Item as Item) : undefined;
    },
    async getMany(rules) {
      const found = new Map<string, RuleStagingState>();
      const unique = [...new Set(rules)];
      for (let i = 0; i < unique.length; i += 100) {
        let keys: Item[] = unique.slice(i, i + 100).map(key);
        // BatchGetItem may leave keys unprocessed under throttling: ask again a few times, then fail.
        for (let attempt = 0; keys.length > 0; attempt++) {
          if (attempt === 5) throw new RulesTableError(`rules table ${TableName}: BatchGetItem left ${keys.length} keys unprocessed`);
          const out = await call('BatchGetItem', ({ sdk, client }) => client.send(new sdk.BatchGetItemCommand({ RequestItems: { [TableName]: { Keys: keys } } })));
          for (const item of out.Responses?.[TableName] ?? []) {
            const state = fromItem(item as Item);
            found.set(state.rule_name, state);
          }
          keys = (out.UnprocessedKeys?.[TableName]?.Keys ?? []) as Item[];
        }
      }
      return found;
    },
    async list() {
      const states: RuleStagingState[] = [];
      let start: Record<string, unknown> | undefined;
      do {
        const out = await call('Scan', ({ sdk, client }) =>
          client.send(new sdk.ScanCommand({ TableName, ...(start ? { ExclusiveStartKey: start as Item } : {}) })),
        );
        for (const item of out.Items ?? []) states.push(fromItem(item as Item));
        start = out.LastEvaluatedKey;
      } while (start !== undefined);
      return states.sort((a, b) => a.rule_name.localeCompare(b.rule_name));
    },
    async stage(rule, now, hours) {
      const ok = await conditional('UpdateItem', ({ sdk, client }) =>
        client.send(
          new sdk.UpdateItemCommand({
            TableName,
            Key: key(rule),
            UpdateExpression: 'SET Staged = :t, StagedAt = :at, StagedUntil = :until, AlertCount = :zero',
            ConditionExpression: 'attribute_exists(RuleName)',
            ExpressionAttributeValues: { ':t': { BOOL: true }, ':at': { S: now.toISOString() }, ':until': { S: plusHours(now, hours) }, ':zero': { N: '0' } },
          }),
        ),
      );
      if (!ok) throw new UnknownStagedRuleError(rule, TableName);
      return (await table.get(rule)) as RuleStagingState;
    },
    async unstage(rule, now, onlyIfStaged = false) {
      const ok = await conditional('UpdateItem', ({ sdk, client }) =>
        client.send(
          new sdk.UpdateItemCommand({
            TableName,
            Key: key(rule),
            UpdateExpression: 'SET Staged = :f, LastPromoted = :now',
            ConditionExpression: onlyIfStaged ? 'Staged = :t' : 'attribute_exists(RuleName)',
            ExpressionAttributeValues: { ':f': { BOOL: false }, ':now': { S: now.toISOString() }, ...(onlyIfStaged ? { ':t': { BOOL: true } } : {}) },
          }),
        ),
      );
      if (!ok && !onlyIfStaged) throw new UnknownStagedRuleError(rule, TableName);
      return ok;
    },
    async extend(rule, now, hours) {
      return conditional('UpdateItem', ({ sdk, client }) =>
        client.send(
          new sdk.UpdateItemCommand({
            TableName,
            Key: key(rule),
            UpdateExpression: 'SET StagedUntil = :until, AlertCount = :zero',
            ConditionExpression: 'Staged = :t',
            ExpressionAttributeValues: { ':t': { BOOL: true }, ':until': { S: plusHours(now, hours) }, ':zero': { N: '0' } },
          }),
        ),
      );
    },
    async addAlerts(rule, count) {
      if (count <= 0) return;
      await conditional('UpdateItem', ({ sdk, client }) =>
        client.send(
          new sdk.UpdateItemCommand({
            TableName,
            Key: key(rule),
            UpdateExpression: 'ADD AlertCount :n',
            ConditionExpression: 'Staged = :t',
            ExpressionAttributeValues: { ':n': { N: String(count) }, ':t': { BOOL: true } },
          }),
        ),
      );
    },
  };
  return table;
}
