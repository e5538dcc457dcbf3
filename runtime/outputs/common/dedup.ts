/**
 * Deduplication keys for paging outputs (pagerduty `incident_key`, pagerduty-v2 `dedup_key`, opsgenie
 * `alias`, victorops `entity_id`): one incident per merge group. An alert of a rule with `merge_by_keys`,
 * and the merged alert the alert merger sends for such alerts (its record's `MergedBy`), get a key from the
 * rule name and the merge-key values, so every window of the same group lands on the same open incident.
 * Any other alert gets one from its deterministic alert id (a retried send never pages twice).
 */
import { createHash } from 'node:crypto';
import { mergeKeyValue } from '../../alerts/merge';
import type { Alert } from '../../rules/types';
import { isObject } from './publication';

/** The merge keys and values identifying an alert's merge group, if it has one (keys sorted). */
export function mergeGroupValues(alert: Alert): { readonly keys: string[]; readonly values: unknown[] } | undefined {
  const merged = alert.record.MergedBy;
  if (isObject(merged) && 'AlertCount' in alert.record && Object.keys(merged).length > 0) {
    const keys = Object.keys(merged).sort();
    return { keys, values: keys.map((k) => merged[k]) };
  }
  if (alert.merge_by_keys.length === 0) return undefined;
  const keys = [...alert.merge_by_keys].sort();
  // '(n/a)' for a missing key, as the merger writes it in MergedBy.
  return { keys, values: keys.map((k) => mergeKeyValue(alert.record, k) ?? '(n/a)') };
}

/** `<descriptor>:<alert id>`, or `<descriptor>:<rule>:<hash of merge keys and values>` for a merge group. */
export function dedupKey(descriptor: string, alert: Alert): string {
  const group = mergeGroupValues(alert);
  if (group === undefined) return `${descriptor}:${alert.alert_id}`;
  const digest = createHash('sha256').update(JSON.stringify([group.keys, group.values])).digest('hex').slice(0, 32);
  return `${descriptor}:${alert.rule_name}:${digest}`;
}
