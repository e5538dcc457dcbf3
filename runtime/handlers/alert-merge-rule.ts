/**
 * Merging one rule's alerts in a merger run, under the rule's merge lock (two overlapping runs never merge the
 * same alerts into two different groups): the pending alerts of the rule are grouped once their window has
 * closed, each group is stored as one merged alert (conditionally, so a re-formed group is never stored twice)
 * and its members become tombstones (`merged`), so a retried batch cannot bring them back.
 */
import { randomUUID } from 'node:crypto';
import type { AlertMergerSettings } from '../config/types';
import { isMergeEnabled } from '../alerts/dispatch';
import { RecordReadError } from '../alerts/errors';
import { mergeAlerts, mergeGroups } from '../alerts/merge';
import type { AlertStore } from '../alerts/store';
import type { Alert } from '../rules/types';
import { errorMessage } from '../errors';
import type { Logger } from '../logger';
import type { DeadLetterer } from './alert-dead-letter';
import { decodeKey } from '../alerts/item';

/** What {@link mergeRule} needs. */
export interface MergeRuleOptions {
  readonly store: AlertStore;
  readonly settings: Pick<AlertMergerSettings, 'merge_group_cap' | 'timeout'>;
  readonly now: Date;
  readonly logger: Logger;
  readonly counts: { waiting: number; merged_groups: number; merged_alerts: number; tombstoned: number; invalid_items: number; record_read_retries: number };
  readonly deadLetter: DeadLetterer;
}

/** Merges what can be merged of `rule` now; returns the merged alerts stored by this run (to dispatch). */
export async function mergeRule(rule: string, options: MergeRuleOptions): Promise<Alert[]> {
  const { store, now, logger, counts } = options;
  const owner = randomUUID();
  if (!(await store.lockRule(rule, owner, now, now.getTime() + options.settings.timeout * 1000))) {
    logger.info('another merger run is merging this rule; left to it', { rule_name: rule });
    return [];
  }
  try {
    const candidates: Alert[] = [];
    for (const item of await store.pendingItems(rule)) {
      try {
        const stored = await store.decode(item);
        if (isMergeEnabled(stored.alert)) candidates.push(stored.alert);
      } catch (err) {
        if (err instanceof RecordReadError && !err.permanent) {
          counts.record_read_retries += 1;
          logger.warn('alert record could not be read for now; left out of this merge', { ...decodeKey(item), error: errorMessage(err) });
          continue;
        }
        counts.invalid_items += 1;
        await options.deadLetter.item(item, errorMessage(err));
      }
    }
    const groups = mergeGroups(candidates, now, options.settings.merge_group_cap);
    counts.waiting += candidates.length - groups.reduce((n, g) => n + g.length, 0);
    const fresh: Alert[] = [];
    for (const group of groups) {
      const merged = mergeAlerts(group);
      // Stored (conditional) first, then the members tombstoned: after a crash between the two, the next run
      // re-forms the same group (same id), finds it stored (or its tombstone) and only tombstones the members.
      if (await store.putIfAbsent(merged)) fresh.push(merged);
      await store.tombstoneMany(group.map((a) => ({ rule_name: a.rule_name, alert_id: a.alert_id })), 'merged', now);
      counts.tombstoned += group.length;
      counts.merged_groups += 1;
      counts.merged_alerts += group.length;
      logger.info('alerts merged', { rule_name: rule, alert_id: merged.alert_id, count: group.length });
    }
    return fresh;
  } finally {
    await store.unlockRule(rule, owner);
  }
}
