/**
 * Deduplication keys for paging outputs (pagerduty-v2 `dedup_key`, opsgenie `alias`): alerts of one merge
 * group page once. A rule with `merge_by_keys` gets a key from the rule name and the values at those keys
 * (so every alert of the group, and the merged alert the alert merger sends, share it); any other alert gets
 * one from its deterministic alert id.
 */
import { createHash } from 'node:crypto';
import type { Alert } from '../../rules/types';
import { isObject } from './publication';

/** The value at a merge key: a dotted path, else the first key of that name found depth first. */
export function mergeKeyValue(record: unknown, key: string): unknown {
  if (isObject(record) && key in record) return record[key];
  const path = key.split('.');
  let node: unknown = record;
  for (const part of path) node = isObject(node) ? node[part] : undefined;
  if (node !== undefined) return node;
  return findFirst(record, key);
}

function findFirst(node: unknown, key: string): unknown {
  if (Array.isArray(node)) {
    for (const item of node) {
      const found = findFirst(item, key);
      if (found !== undefined) return found;
    }
  } else if (isObject(node)) {
    if (key in node) return node[key];
    for (const value of Object.values(node)) {
      const found = findFirst(value, key);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

/**
 * The merge-key values of an alert: from `record.MergedBy` for an alert the merger built (StreamAlert's
 * merged-alert shape), else from the record.
 */
export function mergeKeyValues(alert: Alert): unknown[] {
  const merged = alert.record.MergedBy;
  const source = isObject(merged) && alert.merge_by_keys.every((k) => k in merged) ? merged : alert.record;
  return alert.merge_by_keys.map((key) => mergeKeyValue(source, key) ?? null);
}

/** `<descriptor>:<alert id>`, or `<descriptor>:<rule>:<hash of merge-key values>` for merging rules. */
export function dedupKey(descriptor: string, alert: Alert): string {
  if (alert.merge_by_keys.length === 0) return `${descriptor}:${alert.alert_id}`;
  const digest = createHash('sha256').update(JSON.stringify(mergeKeyValues(alert))).digest('hex').slice(0, 32);
  return `${descriptor}:${alert.rule_name}:${digest}`;
}
