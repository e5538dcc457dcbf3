/**
 * The alert processor: one alert key in (from the merger). It claims the alert (one invocation at a time),
 * reads the item with a consistent read and trusts nothing in its event, sends to each output the table does not
 * record as sent (after its publishers), records each success at once with a conditional update, and replaces
 * the alert by its tombstone when every output has it. A missing item or a tombstone means the alert was
 * delivered: nothing is sent. Outputs run concurrently; one failing never blocks the others.
 *
 * Crash between "output A accepted the alert" and "A recorded in OutputsSent" (Lambda timeout, out of memory,
 * table unavailable for that one update): the alert keeps A as unsent, the merger re-dispatches it after the
 * backoff, and A receives it a second time. Delivery is at-least-once in that window, which is one UpdateItem
 * long (docs/delivery.md); every publication carries the deterministic alert id so a receiver can drop the
 * repeat. The processor itself never fails after loading the alert: failures are recorded on the item and
 * retried by the merger with fresh state.
 */
import type { AlertStore } from '../alerts/store';
import { InvalidAlertItemError, RecordReadError } from '../alerts/errors';
import type { AlertKey, AlertState } from '../alerts/types';
import { parseDispatchEvent, remainingOutputs, isMergeEnabled } from '../alerts/dispatch';
import type { Config } from '../config/types';
import { errorMessage } from '../errors';
import type { Logger } from '../logger';
import { deliverToOutput } from '../outputs/deliver';
import type { SecretSource } from '../outputs/secrets';
import type { Alert } from '../rules/types';

/** Options of {@link createAlertProcessor}. */
export interface AlertProcessorOptions {
  readonly config: Pick<Config, 'account' | 'outputs' | 'global'>;
  readonly store: AlertStore;
  readonly secrets: SecretSource;
  readonly logger: Logger;
  /** @default () => new Date() */
  readonly now?: () => Date;
}

/** What one invocation did. */
export interface AlertProcessorResult {
  readonly alert_id?: string;
  readonly rule_name?: string;
  /**
   * 'gone': the alert is delivered (tombstone) or not in the table; 'busy': another invocation holds it;
   * 'unreadable': its record could not be read (the merger retries or dead-letters it). Only 'processed' sent.
   */
  readonly status: 'processed' | 'gone' | 'busy' | 'unreadable';
  readonly sent: readonly string[];
  readonly failed: readonly { readonly output: string; readonly retryable: boolean; readonly error: string }[];
  /** The alert became a tombstone (every output has it). */
  readonly finished: boolean;
}

/** The alert processor handler. */
export type AlertProcessor = (event: unknown, context?: unknown) => Promise<AlertProcessorResult>;

/** Builds the alert processor. */
export function createAlertProcessor(options: AlertProcessorOptions): AlertProcessor {
  const { store, logger } = options;
  const timeoutMs = options.config.global.alerts.processor.output_timeout_seconds * 1000;

  const clock = options.now ?? (() => new Date());
  // Held as long as the function may run, so a repeated event never overlaps a running invocation; the merger
  // re-dispatches no sooner (its backoff is never shorter than the processor timeout).
  const claimMs = options.config.global.alerts.processor.timeout * 1000;

  const sendOne = async (alert: Alert, key: AlertKey, output: string, state: AlertState) => {
    // Messages an earlier attempt got accepted (Slack) are not sent again; progress made now is kept on failure.
    const resumeAt = state.accepted?.[output] ?? 0;
    let accepted = resumeAt;
    const onProgress = (n: number): void => {
      accepted = Math.max(accepted, n);
    };
    const result = await deliverToOutput(alert, output, { config: options.config, secrets: options.secrets, timeoutMs, logger, resumeAt, onProgress });
    const fields = { rule_name: alert.rule_name, alert_id: alert.alert_id, output };
    if (result.ok) {
      try {
        const recorded = await store.markSent(key, output);
        if (recorded === 'already-recorded') logger.warn('output already had this alert (sent twice by overlapping dispatches)', fields);
        if (recorded === 'gone') logger.warn('alert was already finished by another dispatch (sent twice)', fields);
        logger.info('alert sent', { ...fields, detail: result.detail });
      } catch (err) {
        // Sent but not recorded: it will be sent again after the merger's backoff (see the note above).
        logger.error('alert sent but its success could not be recorded; it will be sent again', { ...fields, error: errorMessage(err) });
        return { output, ok: false as const, retryable: true, error: `sent, not recorded: ${errorMessage(err)}` };
      }
      return { output, ok: true as const };
    }
    logger[result.retryable ? 'warn' : 'error']('alert not sent', { ...fields, retryable: result.retryable, error: result.error });
    try {
      await store.recordFailure(key, output, result.error, !result.retryable, accepted > resumeAt ? accepted : undefined);
    } catch (err) {
      logger.error('output failure could not be recorded', { ...fields, error: errorMessage(err) });
    }
    return { output, ok: false as const, retryable: result.retryable, error: result.error };
  };

  const skip = (key: AlertKey, status: 'gone' | 'busy' | 'unreadable', message: string, fields: Record<string, unknown> = {}): AlertProcessorResult => {
    logger[status === 'unreadable' ? 'error' : 'info'](message, { ...key, ...fields });
    return { ...key, status, sent: [], failed: [], finished: false };
  };

  return async (event) => {
    const { key } = parseDispatchEvent(event);
    const now = clock();
    const until = now.getTime() + claimMs;
    // The claim returns the item as it left it: a consistent read of what is still to send.
    const claim = await store.claimProcessing(key, now, until);
    if (claim.status !== 'claimed') {
      const why = claim.status === 'gone' ? 'alert already delivered (tombstone or no item): nothing sent' : 'another invocation is sending this alert: nothing sent';
      return skip(key, claim.status, why);
    }
    let stored;
    try {
      stored = await store.decode(claim.item);
    } catch (err) {
      if (!(err instanceof RecordReadError) && !(err instanceof InvalidAlertItemError)) throw err;
      await store.releaseProcessing(key, until).catch(() => undefined);
      return skip(key, 'unreadable', 'alert could not be read: nothing sent', { error: errorMessage(err) });
    }
    const { alert, state } = stored;
    const outcomes = await Promise.all(remainingOutputs(alert, state).map((output) => sendOne(alert, key, output, state)));
    const sent = outcomes.filter((o) => o.ok).map((o) => o.output);
    const failed = outcomes.flatMap((o) => (o.ok ? [] : [{ output: o.output, retryable: o.retryable, error: o.error }]));
    const done = new Set([...state.outputs_sent, ...sent]);
    let finished = false;
    try {
      if (!isMergeEnabled(alert) && alert.outputs.every((o) => done.has(o))) finished = await store.tombstone(key, 'delivered', clock());
      // Every result is recorded: the next dispatch may start at once instead of waiting for the claim to expire.
      else await store.releaseProcessing(key, until);
    } catch (err) {
      // Harmless: the merger finds nothing left to send and leaves the tombstone itself (or the claim expires).
      logger.warn('finished alert could not be marked delivered (or its claim released); the merger will', { ...key, error: errorMessage(err) });
    }
    const result = { alert_id: alert.alert_id, rule_name: alert.rule_name, status: 'processed' as const, sent, failed, finished };
    logger.info('alert processed', { ...result, failed: failed.length, failed_outputs: failed.map((f) => f.output) });
    return result;
  };
}
