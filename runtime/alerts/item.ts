/**
 * The alerts table's item layout. One item per alert, keyed by `RuleName` (hash) and `AlertID` (range):
 *
 * | attribute      | type | holds                                                                    |
 * |----------------|------|--------------------------------------------------------------------------|
 * | Created        | S    | alert creation time (ISO-8601)                                           |
 * | Alert          | S    | the alert without its record, compact JSON (rule, title, severity, log   |
 * |                |      | type, source, cluster, outputs, context, merge settings, publishers)     |
 * | Record         | S    | the record, compact JSON (JSON keeps empty strings and nested types)     |
 * | RecordKey      | S    | instead of Record when the alert is over the item limit: its S3 key      |
 * | OutputsSent    | SS   | outputs that acknowledged the alert (absent while none)                  |
 * | OutputsFailed  | SS   | outputs that failed permanently (absent while none)                      |
 * | Attempts       | N    | dispatches to the alert processor                                        |
 * | FirstDispatch  | S    | first dispatch time (absent until dispatched)                            |
 * | Dispatched     | S    | latest dispatch time (absent until dispatched)                           |
 * | LastErrors     | M    | output -> its latest error (S)                                           |
 * | Accepted       | SS   | `<output>#<n>`: messages of the alert an output took before failing      |
 * | TTL            | N    | epoch seconds after which DynamoDB may expire the item                   |
 * | DueShard       | S    | `due` while the alert is pending: the partition of the `due` index       |
 * | DueAt          | N    | epoch ms when the merger next looks at it (created, window close, backoff)|
 * |                |      | (the `due` index's range key; changing it is the merger's dispatch claim) |
 * | ProcessingUntil| N    | epoch ms until which one processor invocation holds the alert            |
 * | Tombstone      | S    | instead of everything above but the key and TTL once the alert is done:  |
 * |                |      | `delivered`, `merged` or `dead-lettered`; a retried batch finds it       |
 * | TombstoneAt    | S    | when it became a tombstone (ISO-8601)                                    |
 *
 * Only pending alerts carry `DueShard`/`DueAt`, so the `due` index (hash `DueShard`, range `DueAt`) is sparse:
 * the merger reads the due alerts of every rule in due order and nothing else.
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { Alert } from '../rules/types';
import { InvalidAlertItemError } from './errors';
import type { AlertKey, StoredAlert } from './types';
import { safeStringify } from '../json';

/** A DynamoDB item in the low-level attribute-value form. */
export type Item = Record<string, AttributeValue>;

/** DynamoDB's item size limit (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ServiceQuotas.html). */
export const MAX_ITEM_BYTES = 400 * 1024;
/**
 * Largest item the store writes with its record inline. The rest of the 400 KB is left for what the
 * processor adds later: OutputsSent, OutputsFailed and LastErrors (each error cut to {@link MAX_ERROR_CHARS}).
 */
export const INLINE_ITEM_BYTES = 300 * 1024;
/** Name of the sparse index of pending alerts by next-due time. */
export const DUE_INDEX = 'due';
/** The one value of `DueShard` (the index's partition key). */
export const DUE_SHARD = 'due';
/** What became of an alert that left only its tombstone. */
export type TombstoneOutcome = 'delivered' | 'merged' | 'dead-lettered';

/** Longest error kept per output. */
export const MAX_ERROR_CHARS = 2000;

/** One `Accepted` entry: `output` had taken `count` messages of the alert. */
export function acceptedEntry(output: string, count: number): string {
  return `${output}#${count}`;
}

/** `Accepted` entries back to output -> the most messages it took. */
export function decodeAccepted(entries: readonly string[]): Record<string, number> {
  const accepted: Record<string, number> = {};
  for (const entry of entries) {
    const at = entry.lastIndexOf('#');
    const count = Number(entry.slice(at + 1));
    if (at <= 0 || !Number.isInteger(count) || count <= 0) continue;
    const output = entry.slice(0, at);
    accepted[output] = Math.max(accepted[output] ?? 0, count);
  }
  return accepted;
}

/** The key attributes of an alert. */
export function keyItem(key: AlertKey): Item {
  return { RuleName: { S: key.rule_name }, AlertID: { S: key.alert_id } };
}

/** The alert without its record, as stored in `Alert`. */
function alertBody(alert: Alert): string {
  const { record: _record, ...rest } = alert;
  void _record;
  return safeStringify(rest);
}

/** Options of {@link encodeAlert}. */
export interface EncodeOptions {
  /** TTL of the item, epoch seconds. */
  readonly ttl: number;
  /** Where the record went when it was too large (then `Record` is left out). */
  readonly recordKey?: string;
}

/** Bytes of an item as DynamoDB counts them (names plus values, UTF-8), close enough for the inline decision. */
export function itemBytes(item: Item): number {
  let total = 0;
  for (const [name, value] of Object.entries(item)) {
    total += Buffer.byteLength(name);
    if (value.S !== undefined) total += Buffer.byteLength(value.S);
    else if (value.N !== undefined) total += value.N.length;
    else total += Buffer.byteLength(JSON.stringify(value));
  }
  return total;
}

/**
 * When the merger first looks at a new alert: at once, or once its merge window has closed. An unreadable
 * creation time counts as due at once (epoch 0), so it is never stuck behind the others.
 */
export function firstDueAt(alert: Pick<Alert, 'created' | 'merge_by_keys' | 'merge_window_mins'>): number {
  const created = Date.parse(alert.created);
  const base = Number.isFinite(created) ? created : 0;
  const merging = alert.merge_by_keys.length > 0 && alert.merge_window_mins > 0;
  return merging ? base + alert.merge_window_mins * 60_000 : base;
}

/** The tombstone of `key`: the key, the outcome and a TTL covering every source's retry window. */
export function tombstoneItem(key: AlertKey, outcome: TombstoneOutcome, at: Date, ttl: number): Item {
  return { ...keyItem(key), Tombstone: { S: outcome }, TombstoneAt: { S: at.toISOString() }, TTL: { N: String(ttl) } };
}

/** Whether an item is a tombstone (a finished alert). */
export const isTombstone = (item: Item): boolean => item.Tombstone?.S !== undefined;

/** The item of a new alert (nothing sent yet). */
export function encodeAlert(alert: Alert, options: EncodeOptions): Item {
  const item: Item = {
    ...keyItem(alert),
    DueShard: { S: DUE_SHARD },
    DueAt: { N: String(firstDueAt(alert)) },
    Created: { S: alert.created },
    Alert: { S: alertBody(alert) },
    Attempts: { N: '0' },
    LastErrors: { M: {} },
    TTL: { N: String(options.ttl) },
  };
  if (options.recordKey !== undefined) item.RecordKey = { S: options.recordKey };
  else item.Record = { S: safeStringify(alert.record) };
  return item;
}

/** The key of an item. @throws InvalidAlertItemError when it has none. */
export function decodeKey(item: Item): AlertKey {
  const rule = item.RuleName?.S;
  const id = item.AlertID?.S;
  if (rule === undefined || id === undefined) throw new InvalidAlertItemError('alert item without RuleName/AlertID');
  return { rule_name: rule, alert_id: id };
}

/**
 * An item back to a {@link StoredAlert}. `record` stands in for the record of an item whose record is in S3
 * (the caller fetched it); without it such an alert gets an empty record and its `record_key`.
 * @throws InvalidAlertItemError naming the key when an attribute is missing or not JSON.
 */
export function decodeAlert(item: Item, record?: Readonly<Record<string, unknown>>): StoredAlert {
  const key = decodeKey(item);
  const where = `alert ${key.rule_name}/${key.alert_id}`;
  const parse = (name: string): Record<string, unknown> => {
    const text = item[name]?.S;
    if (text === undefined) throw new InvalidAlertItemError(`${where}: attribute ${name} is missing`);
    try {
      const value: unknown = JSON.parse(text);
      if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new InvalidAlertItemError(`${where}: ${name} is not a JSON object`);
      return value as Record<string, unknown>;
    } catch (err) {
      if (err instanceof InvalidAlertItemError) throw err;
      throw new InvalidAlertItemError(`${where}: ${name} is not JSON`);
    }
  };
  const body = parse('Alert');
  const recordKey = item.RecordKey?.S;
  const rec = recordKey === undefined ? parse('Record') : (record ?? {});
  const lastErrors: Record<string, string> = {};
  for (const [output, value] of Object.entries(item.LastErrors?.M ?? {})) if (value.S !== undefined) lastErrors[output] = value.S;
  const alert = { ...body, rule_name: key.rule_name, alert_id: key.alert_id, record: rec } as unknown as Alert;
  if (!Array.isArray(alert.outputs) || typeof alert.created !== 'string') throw new InvalidAlertItemError(`${where}: Alert lacks outputs or created`);
  return {
    alert,
    state: {
      outputs_sent: item.OutputsSent?.SS ?? [],
      outputs_failed: item.OutputsFailed?.SS ?? [],
      attempts: Number(item.Attempts?.N ?? '0'),
      ...(item.FirstDispatch?.S === undefined ? {} : { first_dispatch: item.FirstDispatch.S }),
      ...(item.Dispatched?.S === undefined ? {} : { last_dispatch: item.Dispatched.S }),
      last_errors: lastErrors,
      ...(item.Accepted?.SS === undefined ? {} : { accepted: decodeAccepted(item.Accepted.SS) }),
    },
    ...(recordKey === undefined ? {} : { record_key: recordKey }),
    ...(item.DueAt?.N === undefined ? {} : { due_at: Number(item.DueAt.N) }),
  };
}
