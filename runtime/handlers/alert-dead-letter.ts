/**
 * The merger's dead letters: an alert it gives up on (or an item it cannot read) is written to the data
 * bucket under `alerts/dead-letter/`, logged at ERROR, counted, and replaced by its tombstone.
 */
import { decodeAlert, decodeKey, type Item } from '../alerts/item';
import { deadLetterKeyOf, type AlertObjects } from '../alerts/records';
import type { AlertStore } from '../alerts/store';
import type { AlertKey, StoredAlert } from '../alerts/types';
import { errorMessage } from '../errors';
import type { Logger } from '../logger';

/** What {@link createDeadLetterer} needs. */
export interface DeadLetterOptions {
  readonly store: AlertStore;
  readonly objects: AlertObjects | undefined;
  readonly logger: Logger;
  readonly now: Date;
  readonly counts: { dead_lettered: number; dead_letter_failed: number };
}

/** Dead-letters alerts and unreadable items. */
export interface DeadLetterer {
  alert(stored: StoredAlert, reason: string): Promise<void>;
  /** An item that is not a valid alert, or whose record is gone for good: kept as it is, with the reason. */
  item(item: Item, reason: string): Promise<void>;
}

/** Creates the dead-letterer of one merger run. */
export function createDeadLetterer(options: DeadLetterOptions): DeadLetterer {
  const { store, logger, now, counts } = options;
  const write = async (key: AlertKey, body: Record<string, unknown>, fields: Record<string, unknown>): Promise<void> => {
    if (options.objects === undefined) {
      counts.dead_letter_failed += 1;
      logger.error('alert should be dead-lettered but no bucket is set (ALERTS_BUCKET); it stays in the table', fields);
      return;
    }
    const objectKey = deadLetterKeyOf(key, now);
    try {
      await options.objects.put(objectKey, { ...body, dead_lettered_at: now.toISOString() });
      await store.tombstone(key, 'dead-lettered', now);
    } catch (err) {
      counts.dead_letter_failed += 1;
      logger.error('alert dead letter failed; it stays in the table', { ...fields, error: errorMessage(err) });
      return;
    }
    counts.dead_lettered += 1;
    logger.error('alert dead-lettered', { ...fields, object: objectKey });
  };
  return {
    async alert(stored, reason) {
      const { alert, state } = stored;
      const key: AlertKey = { rule_name: alert.rule_name, alert_id: alert.alert_id };
      const unsent = alert.outputs.filter((o) => !state.outputs_sent.includes(o));
      const fields = { ...key, reason, unsent_outputs: unsent, last_errors: state.last_errors, attempts: state.attempts };
      await write(key, { reason, unsent_outputs: unsent, alert, state, ...(stored.record_key === undefined ? {} : { record_key: stored.record_key }) }, fields);
    },
    async item(item, reason) {
      const key = decodeKey(item);
      let body: Record<string, unknown>;
      try {
        // A record that is gone for good: the alert itself is readable, so keep it (with its record's key).
        const stored = decodeAlert(item);
        body = { reason, unsent_outputs: stored.alert.outputs.filter((o) => !stored.state.outputs_sent.includes(o)), alert: stored.alert, state: stored.state, record_key: stored.record_key };
      } catch {
        body = { reason, key, item };
      }
      await write(key, body, { ...key, reason, attempts: Number(item.Attempts?.N ?? '0') });
    },
  };
}
