/** When the merger dispatches an alert again, and when it gives up. */
import type { AlertMergerSettings } from '../config/types';
import type { Alert } from '../rules/types';
import type { AlertState } from './types';

/**
 * Seconds to wait after dispatch number `attempts` (1-based): base, 2 x base, 4 x base ... capped at the
 * maximum, and never shorter than the processor's timeout (a dispatch still running is not doubled).
 */
export function retryDelaySeconds(settings: Pick<AlertMergerSettings, 'backoff_base_seconds' | 'backoff_max_seconds'>, attempts: number, processorTimeout: number): number {
  const exp = settings.backoff_base_seconds * 2 ** Math.max(0, Math.min(attempts - 1, 30));
  return Math.max(processorTimeout, Math.min(settings.backoff_max_seconds, exp));
}

/** Why an alert that is due again must be dead-lettered instead, if it must. */
export function giveUpReason(alert: Alert, state: AlertState, now: Date, settings: Pick<AlertMergerSettings, 'max_attempts' | 'max_age_minutes'>): string | undefined {
  // Never given up before a delivery attempt: only an output's own refusal dead-letters an undispatched alert.
  if (state.attempts === 0) return undefined;
  if (state.attempts >= settings.max_attempts) return `not delivered after ${state.attempts} dispatches (max_attempts ${settings.max_attempts})`;
  const ageMinutes = (now.getTime() - Date.parse(alert.created)) / 60_000;
  if (ageMinutes > settings.max_age_minutes) return `not delivered within ${settings.max_age_minutes} minutes (max_age_minutes); age ${Math.floor(ageMinutes)} minutes`;
  return undefined;
}
