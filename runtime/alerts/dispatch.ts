/**
 * What the alert merger sends the alert processor (an async Lambda invocation): the whole alert with its
 * delivery state when it fits the async payload limit, else only its key (the processor reads the item).
 */
import { StreamAlertError } from '../errors';
import type { Alert } from '../rules/types';
import type { AlertKey, AlertState } from './types';
import { safeStringify } from '../json';

/** Async invocation payload limit (https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html): 256 KB. */
export const ASYNC_PAYLOAD_MAX_BYTES = 256 * 1024;
/** What the merger puts in one payload at most, leaving room for Lambda's own envelope. */
export const DISPATCH_PAYLOAD_MAX_BYTES = ASYNC_PAYLOAD_MAX_BYTES - 6 * 1024;

/** The processor's event. */
export type DispatchEvent =
  | { readonly alert: Alert; readonly state: AlertState }
  | { readonly key: AlertKey };

/** The payload of `alert` (JSON text): whole when it fits, else its key. */
export function dispatchPayload(alert: Alert, state: AlertState): { readonly payload: string; readonly whole: boolean } {
  const whole = safeStringify({ alert, state });
  if (Buffer.byteLength(whole) <= DISPATCH_PAYLOAD_MAX_BYTES) return { payload: whole, whole: true };
  return { payload: JSON.stringify({ key: { rule_name: alert.rule_name, alert_id: alert.alert_id } }), whole: false };
}

/**
 * Reads a processor event.
 * @throws StreamAlertError (`InvalidDispatchEvent`) for anything else: Lambda keeps it (on-failure destination).
 */
export function parseDispatchEvent(event: unknown): DispatchEvent {
  const e = event as { alert?: Alert; state?: AlertState; key?: AlertKey } | null;
  if (e && typeof e.key?.rule_name === 'string' && typeof e.key.alert_id === 'string') return { key: e.key };
  if (e && typeof e.alert?.alert_id === 'string' && typeof e.alert.rule_name === 'string' && Array.isArray(e.alert.outputs) && e.state && Array.isArray(e.state.outputs_sent)) {
    return { alert: e.alert, state: { ...e.state, outputs_failed: e.state.outputs_failed ?? [], last_errors: e.state.last_errors ?? {} } };
  }
  throw new StreamAlertError('InvalidDispatchEvent', 'the alert processor expects {"alert", "state"} or {"key": {"rule_name", "alert_id"}} from the alert merger', { source: 'user' });
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
