/** Defaults of `global.alerts` (alert delivery). */
import type { AlertsSettings } from './types';

/* eslint-disable @typescript-eslint/no-explicit-any -- raw JSON has been validated by JSON Schema already */
type Raw = any;

/** Every default of `global.alerts`, in one object (the JSON Schema's `@default`s say the same). */
export const DEFAULT_ALERTS: AlertsSettings = {
  ttl_days: 30,
  merger: {
    schedule: 'rate(1 minute)',
    memory: 256,
    timeout: 60,
    max_alerts_per_run: 500,
    max_attempts: 12,
    max_age_minutes: 1440,
    backoff_base_seconds: 60,
    backoff_max_seconds: 1800,
    merge_group_cap: 50,
  },
  processor: { memory: 256, timeout: 60, output_timeout_seconds: 10, secrets_cache_seconds: 300 },
};

/** Resolves `global.alerts` with its defaults. */
export function resolveAlerts(raw: Raw): AlertsSettings {
  return {
    ttl_days: raw.ttl_days ?? DEFAULT_ALERTS.ttl_days,
    merger: { ...DEFAULT_ALERTS.merger, ...(raw.merger ?? {}) },
    processor: { ...DEFAULT_ALERTS.processor, ...(raw.processor ?? {}) },
  };
}
