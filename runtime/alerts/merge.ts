/**
 * Merging alerts (StreamAlert v3's alert merger): alerts of one rule whose merge keys have equal values and
 * that fall within one merge window (counted from the oldest) become one new alert carrying how many there
 * were, the window, the values common to every record and each record's differing values. Field names are
 * StreamAlert's (`AlertCount`, `AlertTimeFirst`, `AlertTimeLast`, `MergedBy`, `OtherCommonKeys`, `ValueDiffs`)
 * so consumers of merged alerts keep working.
 */
import { createHash } from 'node:crypto';
import { canonicalJson } from '../rules/alert';
import type { Alert } from '../rules/types';

type Json = Readonly<Record<string, unknown>>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const same = (a: unknown, b: unknown): boolean => canonicalJson(a) === canonicalJson(b);

/**
 * The value of a merge key: a dotted path ('detail.userIdentity.arn') when it has dots, else the first key of
 * that name at any depth, breadth first (StreamAlert's `get_first_key`); undefined when absent.
 */
export function mergeKeyValue(record: Json, key: string): unknown {
  if (key.includes('.')) {
    let cur: unknown = record;
    for (const part of key.split('.')) cur = isObject(cur) ? cur[part] : undefined;
    return cur;
  }
  const queue: unknown[] = [record];
  while (queue.length > 0) {
    const next = queue.shift();
    if (isObject(next)) {
      if (Object.prototype.hasOwnProperty.call(next, key)) return next[key];
      queue.push(...Object.values(next));
    } else if (Array.isArray(next)) {
      queue.push(...next);
    }
  }
  return undefined;
}

/** The record without the merge keys, at every level (they are reported once, in `MergedBy`). */
function withoutKeys(record: Json, keys: ReadonlySet<string>): Json {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(record)) if (!keys.has(k)) out[k] = isObject(v) ? withoutKeys(v, keys) : v;
  return out;
}

/** Values common to every record (nested objects compared key by key). */
export function commonValues(records: readonly Json[]): Json {
  if (records.length === 0) return {};
  if (records.length === 1) return records[0];
  const [first, ...rest] = records;
  const common: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(first)) {
    if (!rest.every((r) => Object.prototype.hasOwnProperty.call(r, key))) continue;
    if (rest.every((r) => same(r[key], value))) {
      common[key] = value;
    } else if (isObject(value) && rest.every((r) => isObject(r[key]))) {
      const nested = commonValues(records.map((r) => r[key] as Json));
      if (Object.keys(nested).length > 0) common[key] = nested;
    }
  }
  return common;
}

/** What a record has beyond the common values. */
export function differingValues(common: Json, record: Json): Json {
  const diff: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) {
    if (!Object.prototype.hasOwnProperty.call(common, key)) diff[key] = value;
    else if (same(value, common[key])) continue;
    else if (isObject(value) && isObject(common[key])) {
      const inner = differingValues(common[key] as Json, value);
      if (Object.keys(inner).length > 0) diff[key] = inner;
    } else diff[key] = value;
  }
  return diff;
}

const created = (a: Alert): number => Date.parse(a.created);
const byCreated = (a: Alert, b: Alert): number => created(a) - created(b) || (a.alert_id < b.alert_id ? -1 : 1);

/** Whether two alerts merge: same merge keys, equal values at each, within the older one's window. */
function canMerge(older: Alert, newer: Alert): boolean {
  if (created(newer) > created(older) + older.merge_window_mins * 60_000) return false;
  const keys = [...older.merge_by_keys].sort();
  if (!same(keys, [...newer.merge_by_keys].sort())) return false;
  return keys.every((k) => same(mergeKeyValue(older.record, k) ?? null, mergeKeyValue(newer.record, k) ?? null));
}

/**
 * Groups alerts (of one rule, all waiting for merging) that can be sent merged now, oldest first: a group
 * starts at its oldest alert once that alert's window has closed, takes every later alert that can merge
 * with it, up to `cap`. Alerts whose window is still open, and those past a full group, wait for a later run.
 */
export function mergeGroups(alerts: readonly Alert[], now: Date, cap: number): Alert[][] {
  const groups: Alert[][] = [];
  for (const alert of [...alerts].sort(byCreated)) {
    const home = groups.find((g) => g.length < cap && canMerge(g[0], alert));
    if (home !== undefined) {
      home.push(alert);
      continue;
    }
    // Too recent to start a group: its window is still open, and every later alert is more recent still.
    if (now.getTime() < created(alert) + alert.merge_window_mins * 60_000) break;
    groups.push([alert]);
  }
  return groups;
}

/** The id of a merged alert: a hash of its members' ids, so a merger run retried after a crash makes the same one. */
export function mergedAlertId(alerts: readonly Alert[]): string {
  return createHash('sha256').update(canonicalJson(['merged', alerts.map((a) => a.alert_id).sort()])).digest('hex');
}

/** One alert from a group (oldest first): StreamAlert's merged record; rule fields from the oldest, outputs from the newest. */
export function mergeAlerts(group: readonly Alert[]): Alert {
  const alerts = [...group].sort(byCreated);
  const first = alerts[0];
  const last = alerts[alerts.length - 1];
  const keys = new Set(first.merge_by_keys);
  const records = alerts.map((a) => withoutKeys(a.record, keys));
  const common = commonValues(records);
  const diffs: Record<string, unknown> = {};
  alerts.forEach((a, i) => {
    // StreamAlert keys each diff by creation time; two alerts created in the same millisecond get the id too.
    const name = Object.prototype.hasOwnProperty.call(diffs, a.created) ? `${a.created} ${a.alert_id}` : a.created;
    diffs[name] = differingValues(common, records[i]);
  });
  const record = {
    AlertCount: alerts.length,
    AlertTimeFirst: first.created,
    AlertTimeLast: last.created,
    MergeWindowMins: first.merge_window_mins,
    MergedBy: Object.fromEntries([...keys].map((k) => [k, mergeKeyValue(first.record, k) ?? '(n/a)'])),
    OtherCommonKeys: common,
    ValueDiffs: diffs,
    AlertIDs: alerts.map((a) => a.alert_id),
  };
  return {
    ...first,
    alert_id: mergedAlertId(alerts),
    title: `${first.title} (${alerts.length} merged)`,
    record,
    outputs: last.outputs,
    // The merged alert is sent as it is: it does not wait for merging again.
    merge_by_keys: [],
    merge_window_mins: 0,
    created: last.created,
  };
}
