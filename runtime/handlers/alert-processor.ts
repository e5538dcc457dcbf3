/**
 * The alert processor: one alert in (from the merger), each output not yet sent gets the alert after its
 * publishers, each success is recorded at once with a conditional update, and the alert is deleted when every
 * output has it. Outputs run concurrently; one failing never blocks the others.
 *
 * Crash between "output A accepted the alert" and "A recorded in OutputsSent" (Lambda timeout, out of memory,
 * table unavailable for that one update): the alert keeps A as unsent, the merger re-dispatches it after the
 * backoff, and A receives it a second time. Delivery is at-least-once in that window, which is one UpdateItem
 * long; we accept it rather than make outputs two-phase, because (1) the window is milliseconds, (2) every
 * publication carries the deterministic alert id so a consumer can drop the repeat, and (3) aws-s3 writes to a
 * key derived from the alert id, so its repeat overwrites the same object. Losing an alert would be worse than
 * a rare repeat. The processor itself never fails after loading the alert: failures are recorded on the item
 * and retried by the merger with fresh state, never by Lambda's async retries with a stale payload.
 */
import type { AlertStore } from '../alerts/store';
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
}

/** What one invocation did. */
export interface AlertProcessorResult {
  readonly alert_id?: string;
  readonly rule_name?: string;
  /** 'gone': the alert was no longer in the table (already finished). */
  readonly status: 'processed' | 'gone';
  readonly sent: readonly string[];
  readonly failed: readonly { readonly output: string; readonly retryable: boolean; readonly error: string }[];
  readonly deleted: boolean;
}

/** The alert processor handler. */
export type AlertProcessor = (event: unknown, context?: unknown) => Promise<AlertProcessorResult>;

/** Builds the alert processor. */
export function createAlertProcessor(options: AlertProcessorOptions): AlertProcessor {
  const { store, logger } = options;
  const timeoutMs = options.config.global.alerts.processor.output_timeout_seconds * 1000;

  const load = async (event: unknown): Promise<{ alert: Alert; state: AlertState } | undefined> => {
    const parsed = parseDispatchEvent(event);
    if ('alert' in parsed) return parsed;
    const stored = await store.get(parsed.key);
    return stored === undefined ? undefined : { alert: stored.alert, state: stored.state };
  };

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

  return async (event) => {
    const loaded = await load(event);
    if (loaded === undefined) {
      logger.info('alert no longer in the table (already delivered)', {});
      return { status: 'gone', sent: [], failed: [], deleted: false };
    }
    const { alert, state } = loaded;
    const key: AlertKey = { rule_name: alert.rule_name, alert_id: alert.alert_id };
    const outcomes = await Promise.all(remainingOutputs(alert, state).map((output) => sendOne(alert, key, output, state)));
    const sent = outcomes.filter((o) => o.ok).map((o) => o.output);
    const failed = outcomes.flatMap((o) => (o.ok ? [] : [{ output: o.output, retryable: o.retryable, error: o.error }]));
    const done = new Set([...state.outputs_sent, ...sent]);
    let deleted = false;
    if (!isMergeEnabled(alert) && alert.outputs.every((o) => done.has(o))) {
      try {
        await store.delete(key);
        deleted = true;
      } catch (err) {
        // Harmless: the merger finds nothing left to send and deletes it.
        logger.warn('finished alert could not be deleted; the merger will', { rule_name: alert.rule_name, alert_id: alert.alert_id, error: errorMessage(err) });
      }
    }
    const result = { alert_id: alert.alert_id, rule_name: alert.rule_name, status: 'processed' as const, sent, failed, deleted };
    logger.info('alert processed', { ...result, failed: failed.length, failed_outputs: failed.map((f) => f.output) });
    return result;
  };
}
