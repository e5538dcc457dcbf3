/**
 * The alert merger (scheduled every minute): for each rule with alerts, read them (paginated, at most
 * `max_alerts_per_run` per run), dispatch those with outputs still unsent to the alert processor with
 * backoff, dead-letter those past their maximum attempts or age (S3 `alerts/dead-letter/`, an ERROR line,
 * a count in the summary, then removed from the table), merge those waiting for merging once their window
 * has closed, and remove those already delivered. One JSON summary line per run: `alert merger run`.
 */
import { isDue, giveUpReason } from '../alerts/backoff';
import { dispatchPayload, isMergeEnabled, remainingOutputs } from '../alerts/dispatch';
import type { ProcessorInvoker } from '../alerts/invoker';
import { mergeAlerts, mergeGroups } from '../alerts/merge';
import { deadLetterKeyOf, type AlertObjects } from '../alerts/records';
import type { AlertStore } from '../alerts/store';
import type { AlertKey, AlertState, StoredAlert } from '../alerts/types';
import type { Config } from '../config/types';
import { errorMessage } from '../errors';
import type { Logger } from '../logger';
import type { Alert } from '../rules/types';

/**
 * Alerts handled at once (UpdateItem + Invoke each): 500 alerts one after the other took ~6 s against
 * dynalite and would take ~15-25 s against AWS; 10 at a time keeps a full run well inside the 60 s timeout
 * without bursting the table or Lambda's async queue.
 */
const DISPATCH_CONCURRENCY = 10;

/** Runs `fn` over `items`, at most `limit` at a time. */
async function forEachLimited<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const item = items[next];
      next += 1;
      await fn(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/** Options of {@link createAlertMerger}. */
export interface AlertMergerOptions {
  readonly config: Pick<Config, 'global'>;
  readonly store: AlertStore;
  readonly invoke: ProcessorInvoker;
  /** Where dead-lettered alerts go. Without it, such alerts stay in the table (logged at ERROR each run). */
  readonly objects?: AlertObjects;
  readonly logger: Logger;
  /** @default () => new Date() */
  readonly now?: () => Date;
}

/** Counts of one run (also the summary line's top-level fields, which metric filters read). */
export interface AlertMergerCounts {
  rules: number;
  alerts_read: number;
  dispatched: number;
  /** Dispatches that sent only the key (alert over the async payload limit). */
  dispatched_by_key: number;
  dispatch_failed: number;
  /** Alerts waiting for their backoff or their merge window. */
  waiting: number;
  merged_groups: number;
  merged_alerts: number;
  deleted: number;
  dead_lettered: number;
  dead_letter_failed: number;
  invalid_items: number;
  /** Age of the oldest alert seen, in seconds (0 when none). */
  oldest_alert_age_seconds: number;
  /** True when the run stopped at `max_alerts_per_run` with alerts left to read. */
  limited: boolean;
}

/** The merger handler. */
export type AlertMerger = (event?: unknown, context?: unknown) => Promise<AlertMergerCounts>;

/** Builds the alert merger. */
export function createAlertMerger(options: AlertMergerOptions): AlertMerger {
  const { store, logger } = options;
  const settings = options.config.global.alerts.merger;
  const processorTimeout = options.config.global.alerts.processor.timeout;
  const clock = options.now ?? (() => new Date());

  return async () => {
    const now = clock();
    const counts: AlertMergerCounts = {
      rules: 0, alerts_read: 0, dispatched: 0, dispatched_by_key: 0, dispatch_failed: 0, waiting: 0, merged_groups: 0,
      merged_alerts: 0, deleted: 0, dead_lettered: 0, dead_letter_failed: 0, invalid_items: 0, oldest_alert_age_seconds: 0, limited: false,
    };

    const dispatch = async (alert: Alert, state: AlertState): Promise<void> => {
      const key: AlertKey = { rule_name: alert.rule_name, alert_id: alert.alert_id };
      if (!(await store.markDispatched(key, now))) return;
      const next: AlertState = { ...state, attempts: state.attempts + 1, first_dispatch: state.first_dispatch ?? now.toISOString(), last_dispatch: now.toISOString() };
      const { payload, whole } = dispatchPayload(alert, next);
      try {
        await options.invoke(payload);
        counts.dispatched += 1;
        if (!whole) counts.dispatched_by_key += 1;
      } catch (err) {
        // Counted as an attempt: the alert is dispatched again after its backoff.
        counts.dispatch_failed += 1;
        logger.error('alert dispatch failed', { ...key, attempt: next.attempts, error: errorMessage(err) });
      }
    };

    const deadLetter = async (stored: StoredAlert, reason: string): Promise<void> => {
      const { alert, state } = stored;
      const key: AlertKey = { rule_name: alert.rule_name, alert_id: alert.alert_id };
      const unsent = alert.outputs.filter((o) => !state.outputs_sent.includes(o));
      const fields = { ...key, reason, unsent_outputs: unsent, last_errors: state.last_errors, attempts: state.attempts };
      if (options.objects === undefined) {
        counts.dead_letter_failed += 1;
        logger.error('alert should be dead-lettered but no bucket is set (ALERTS_BUCKET); it stays in the table', fields);
        return;
      }
      const objectKey = deadLetterKeyOf(key, now);
      try {
        await options.objects.put(objectKey, { reason, dead_lettered_at: now.toISOString(), unsent_outputs: unsent, alert, state });
        await store.delete(key);
      } catch (err) {
        counts.dead_letter_failed += 1;
        logger.error('alert dead letter failed; it stays in the table', { ...fields, error: errorMessage(err) });
        return;
      }
      counts.dead_lettered += 1;
      logger.error('alert dead-lettered', { ...fields, object: objectKey });
    };

    const handleRule = async (rule: string, budget: number): Promise<number> => {
      const candidates: Alert[] = [];
      const finished: AlertKey[] = [];
      const seen = new Set<string>();
      let read = 0;
      let start;
      do {
        const page = await store.query(rule, { limit: Math.min(100, budget - read), ...(start === undefined ? {} : { start }) });
        start = page.next;
        read += page.alerts.length + page.invalid.length;
        for (const bad of page.invalid) {
          counts.invalid_items += 1;
          logger.error('alerts table item is not a valid alert; left in the table', { ...bad.key, error: bad.error });
        }
        for (const stored of page.alerts) seen.add(stored.alert.alert_id);
        await forEachLimited(page.alerts, DISPATCH_CONCURRENCY, async (stored) => {
          const { alert, state } = stored;
          counts.oldest_alert_age_seconds = Math.max(counts.oldest_alert_age_seconds, Math.floor((now.getTime() - Date.parse(alert.created)) / 1000));
          if (remainingOutputs(alert, state).length === 0) {
            if (state.outputs_failed.length > 0) await deadLetter(stored, `permanent failure of ${state.outputs_failed.join(', ')}`);
            else if (isMergeEnabled(alert)) candidates.push(alert);
            else finished.push({ rule_name: alert.rule_name, alert_id: alert.alert_id });
            return;
          }
          if (!isDue(state, now, settings, processorTimeout)) {
            counts.waiting += 1;
            return;
          }
          const reason = giveUpReason(alert, state, now, settings);
          if (reason !== undefined) await deadLetter(stored, reason);
          else await dispatch(alert, state);
        });
      } while (start !== undefined && read < budget);
      if (start !== undefined) counts.limited = true;

      const groups = mergeGroups(candidates, now, settings.merge_group_cap);
      counts.waiting += candidates.length - groups.reduce((n, g) => n + g.length, 0);
      for (const group of groups) {
        const merged = mergeAlerts(group);
        // Stored (conditional), then the originals removed, then dispatched: a crash between two steps leaves
        // either the originals (merged again into the same id, found stored) or the merged alert alone (sent by
        // the regular pass). A merged alert already stored, or read in this run, is left to the regular pass, so
        // it is never dispatched twice (nor re-created after the processor finished it).
        const fresh = !seen.has(merged.alert_id) && (await store.putIfAbsent(merged));
        await store.deleteMany(group.map((a) => ({ rule_name: a.rule_name, alert_id: a.alert_id })));
        counts.deleted += group.length;
        if (fresh) await dispatch(merged, { outputs_sent: [], outputs_failed: [], attempts: 0, last_errors: {} });
        counts.merged_groups += 1;
        counts.merged_alerts += group.length;
        logger.info('alerts merged', { rule_name: rule, alert_id: merged.alert_id, count: group.length });
      }
      if (finished.length > 0) {
        await store.deleteMany(finished);
        counts.deleted += finished.length;
      }
      return read;
    };

    let budget = settings.max_alerts_per_run;
    for (const rule of await store.ruleNames()) {
      if (budget <= 0) {
        counts.limited = true;
        break;
      }
      counts.rules += 1;
      const read = await handleRule(rule, budget);
      counts.alerts_read += read;
      budget -= read;
    }
    if (counts.limited) logger.warn('alert merger stopped at max_alerts_per_run; the rest waits for the next run', { max_alerts_per_run: settings.max_alerts_per_run });
    logger.info('alert merger run', { ...counts });
    return counts;
  };
}
