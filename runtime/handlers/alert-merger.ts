/**
 * The alert merger (scheduled every minute). It reads only the alerts that are due (the sparse `due` index,
 * oldest due first), lets the rules take turns for the `max_alerts_per_run` dispatches of a run, claims each
 * dispatch with a conditional update (two overlapping runs never dispatch the same alert), dead-letters alerts
 * past their attempts or age and alerts that cannot be read (S3 `alerts/dead-letter/`, an ERROR line, a count),
 * merges the alerts of a rule once their window has closed, and leaves a tombstone for every finished alert.
 * One JSON summary line per run: `alert merger run`.
 */
import { giveUpReason, retryDelaySeconds } from '../alerts/backoff';
import { dispatchPayload, isMergeEnabled, remainingOutputs } from '../alerts/dispatch';
import { RecordReadError } from '../alerts/errors';
import { forEachLimited, roundRobin } from '../alerts/fair';
import type { ProcessorInvoker } from '../alerts/invoker';
import { decodeKey, firstDueAt, isTombstone, type Item } from '../alerts/item';
import type { AlertObjects } from '../alerts/records';
import type { AlertStore, DueKey } from '../alerts/store';
import type { AlertKey, StoredAlert } from '../alerts/types';
import type { Config } from '../config/types';
import { errorMessage } from '../errors';
import type { Logger } from '../logger';
import { createDeadLetterer } from './alert-dead-letter';
import { mergeRule } from './alert-merge-rule';

/**
 * Alerts handled at once (UpdateItem + Invoke each): 10 at a time keeps a full run well inside the 60 s
 * timeout without bursting the table or Lambda's async queue.
 */
const DISPATCH_CONCURRENCY = 10;
/** Due keys read per run, as a multiple of the dispatch budget (alerts that need no dispatch cost no budget). */
const READ_FACTOR = 4;

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
  /** Rules with due alerts in this run. */
  rules: number;
  /** Due alerts read (items of the `due` index). */
  alerts_read: number;
  dispatched: number;
  dispatch_failed: number;
  /** Due alerts another run claimed first (or that stopped being due since the index was read). */
  claimed_elsewhere: number;
  /** Alerts of a rule being merged that still wait for their merge window. */
  waiting: number;
  /** Due alerts left for the next run because this run's dispatch budget was spent. */
  deferred: number;
  merged_groups: number;
  merged_alerts: number;
  /** Finished alerts turned into tombstones by this run (merged members included). */
  tombstoned: number;
  dead_lettered: number;
  dead_letter_failed: number;
  /** Items that are not valid alerts, or whose S3 record is gone for good (each dead-lettered). */
  invalid_items: number;
  /** Alerts skipped in this run because their S3 record could not be read for now. */
  record_read_retries: number;
  /**
   * How long the most overdue alert still due after this run has been due, in seconds (0 when none): an alert
   * waiting for its merge window or its backoff is not overdue. The alert-age alarm reads this field.
   */
  oldest_overdue_seconds: number;
  /** True when due alerts were left unread or undispatched (budget or read cap). */
  limited: boolean;
}

/** The merger handler. */
export type AlertMerger = (event?: unknown, context?: unknown) => Promise<AlertMergerCounts>;

const keyOf = (k: AlertKey): AlertKey => ({ rule_name: k.rule_name, alert_id: k.alert_id });
const id = (k: AlertKey): string => `${k.rule_name}\u0000${k.alert_id}`;

/** Builds the alert merger. */
export function createAlertMerger(options: AlertMergerOptions): AlertMerger {
  const { store, logger } = options;
  const settings = options.config.global.alerts.merger;
  const processorTimeout = options.config.global.alerts.processor.timeout;
  const clock = options.now ?? (() => new Date());

  return async () => {
    const now = clock();
    const counts: AlertMergerCounts = {
      rules: 0, alerts_read: 0, dispatched: 0, dispatch_failed: 0, claimed_elsewhere: 0, waiting: 0, deferred: 0, merged_groups: 0, merged_alerts: 0,
      tombstoned: 0, dead_lettered: 0, dead_letter_failed: 0, invalid_items: 0, record_read_retries: 0, oldest_overdue_seconds: 0, limited: false,
    };
    const overdue = (dueAt: number): void => {
      counts.oldest_overdue_seconds = Math.max(counts.oldest_overdue_seconds, Math.floor((now.getTime() - dueAt) / 1000));
    };
    const deadLetter = createDeadLetterer({ store, objects: options.objects, logger, now, counts });
    let budget = settings.max_alerts_per_run;

    /** Claims and sends one dispatch of a pending alert due at `dueAt`; false when the budget is spent. */
    const dispatch = async (key: AlertKey, attempts: number, dueAt: number): Promise<boolean> => {
      if (budget <= 0) return false;
      budget -= 1;
      const next = now.getTime() + retryDelaySeconds(settings, attempts + 1, processorTimeout) * 1000;
      if (!(await store.claimDispatch(key, dueAt, now, next))) {
        budget += 1;
        counts.claimed_elsewhere += 1;
        return true;
      }
      try {
        await options.invoke(dispatchPayload(key, attempts + 1));
        counts.dispatched += 1;
      } catch (err) {
        // Counted as an attempt: the alert is dispatched again after its backoff.
        counts.dispatch_failed += 1;
        logger.error('alert dispatch failed', { ...key, attempt: attempts + 1, error: errorMessage(err) });
      }
      return true;
    };

    /** One due alert that is not waiting for merging. */
    const handle = async (stored: StoredAlert, dueAt: number): Promise<void> => {
      const { alert, state } = stored;
      const key = keyOf(alert);
      if (remainingOutputs(alert, state).length === 0) {
        if (state.outputs_failed.length > 0) await deadLetter.alert(stored, `permanent failure of ${state.outputs_failed.join(', ')}`);
        else if (await store.tombstone(key, 'delivered', now)) counts.tombstoned += 1;
        return;
      }
      const reason = giveUpReason(alert, state, now, settings);
      if (reason !== undefined) return deadLetter.alert(stored, reason);
      if (!(await dispatch(key, state.attempts, dueAt))) {
        counts.deferred += 1;
        overdue(dueAt);
      }
    };

    // 1. The due alerts, oldest due first, up to the read cap.
    const readCap = settings.max_alerts_per_run * READ_FACTOR;
    const due: DueKey[] = [];
    let start;
    do {
      const page = await store.dueKeys(now, { limit: Math.min(1000, readCap - due.length), ...(start === undefined ? {} : { start }) });
      due.push(...page.keys);
      start = page.next;
    } while (start !== undefined && due.length < readCap);
    if (start !== undefined) {
      // Due alerts past the read cap are due later than every one read: the last one read bounds their wait.
      counts.limited = true;
      overdue(due[due.length - 1].due_at);
    }
    counts.alerts_read = due.length;

    // 2. Their items, read consistently (the index lags; another run may have claimed one since).
    const items = new Map<string, Item>();
    for (let i = 0; i < due.length; i += 100) for (const item of await store.getItems(due.slice(i, i + 100).map(keyOf))) items.set(id(decodeKey(item)), item);

    // 3. Rules take turns; merging rules are handled once each, after the dispatches of the others are claimed.
    const mergeRules = new Set<string>();
    const ordered = roundRobin(due, (k) => k.rule_name);
    counts.rules = new Set(due.map((k) => k.rule_name)).size;
    await forEachLimited(ordered, DISPATCH_CONCURRENCY, async (entry) => {
      const item = items.get(id(entry));
      const dueAt = Number(item?.DueAt?.N ?? Number.NaN);
      if (item === undefined || isTombstone(item) || !(dueAt <= now.getTime())) {
        counts.claimed_elsewhere += 1;
        return;
      }
      let stored: StoredAlert;
      try {
        stored = await store.decode(item);
      } catch (err) {
        if (err instanceof RecordReadError && !err.permanent) {
          counts.record_read_retries += 1;
          overdue(dueAt);
          logger.warn('alert record could not be read for now; skipped until the next run', { ...keyOf(entry), error: errorMessage(err) });
          return;
        }
        counts.invalid_items += 1;
        return deadLetter.item(item, errorMessage(err));
      }
      if (isMergeEnabled(stored.alert)) mergeRules.add(stored.alert.rule_name);
      else await handle(stored, dueAt);
    });

    for (const rule of [...mergeRules].sort()) {
      const merged = await mergeRule(rule, { store, settings, now, logger, counts, deadLetter });
      for (const alert of merged) {
        if (!(await dispatch(keyOf(alert), 0, firstDueAt(alert)))) {
          counts.deferred += 1;
          overdue(firstDueAt(alert));
        }
      }
    }
    if (counts.deferred > 0) counts.limited = true;
    if (counts.limited) logger.warn('alert merger left due alerts for the next run (max_alerts_per_run)', { max_alerts_per_run: settings.max_alerts_per_run, deferred: counts.deferred });
    logger.info('alert merger run', { ...counts });
    return counts;
  };
}
