/**
 * What the alert merger sends the alert processor (an async Lambda invocation): the alert's key and the
 * dispatch number. The processor reads the item itself (consistent read) and trusts nothing else, so a late or
 * repeated invocation sends only what the table says is still unsent, and nothing once the alert is delivered.
 */
import { StreamAlertError } from '../errors';
import type { Alert } from '../rules/types';
import type { AlertKey, AlertState } from './types';

/** The processor's event. */
export interface DispatchEvent {
  readonly key: AlertKey;
  /** The dispatch this event is (1-based), for the logs. */
  readonly attempt?: number;
}

/** The payload (JSON text) of one dispatch of `key`. */
export function dispatchPayload(key: AlertKey, attempt: number): string {
  return JSON.stringify({ key: { rule_name: key.rule_name, alert_id: key.alert_id }, attempt });
}

/**
 * Reads a processor event: `{"key": {...}}`, or the whole alert an earlier version sent (only its key is used).
 * @throws StreamAlertError (`InvalidDispatchEvent`) for anything else: Lambda keeps it (on-failure destination).
 */
export function parseDispatchEvent(event: unknown): DispatchEvent {
  const e = event as { alert?: Alert; key?: AlertKey; attempt?: unknown } | null;
  const attempt = typeof e?.attempt === 'number' ? { attempt: e.attempt } : {};
  if (e && typeof e.key?.rule_name === 'string' && typeof e.key.alert_id === 'string') return { key: { rule_name: e.key.rule_name, alert_id: e.key.alert_id }, ...attempt };
  if (e && typeof e.alert?.alert_id === 'string' && typeof e.alert.rule_name === 'string') return { key: { rule_name: e.alert.rule_name, alert_id: e.alert.alert_id }, ...attempt };
  throw new StreamAlertError('InvalidDispatchEvent', 'the alert processor expects {"key": {"rule_name", "alert_id"}} from the alert merger', { source: 'user' });
}

/** Whether an alert waits for merging (both merge settings set): its outputs get the merged alert instead. */
export function isMergeEnabled(alert: Pick<Alert, 'merge_by_keys' | 'merge_window_mins'>): boolean {
  return alert.merge_by_keys.length > 0 && alert.merge_window_mins > 0;
}

/**
 * Outputs still to send now: none for an alert that waits for merging (it has no outputs of its own to
 * send first in this design: every output gets the merged alert), else those neither sent nor failed for good.
 */
export function remainingOutputs(alert: Alert, state: Pick<AlertState, 'outputs_sent' | 'outputs_failed'>): string[] {
  if (isMergeEnabled(alert)) return [];
  const done = new Set([...state.outputs_sent, ...state.outputs_failed]);
  return alert.outputs.filter((o) => !done.has(o));
}
