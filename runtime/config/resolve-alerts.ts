/** Defaults of `global.alerts` (alert delivery). */
import type { AlertsSettings, RuleStagingSettings } from './types';

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

/**
 * Defaults of `global.rule_staging`. Off unless switched on (as in StreamAlert): when on, `lambda deploy` stages
 * new rules for 48 hours and the promotion function promotes those with fewer than 10 staged alerts.
 */
export const DEFAULT_RULE_STAGING: RuleStagingSettings = {
  enabled: false,
  staged_hours: 48,
  max_alerts: 10,
  schedule: 'rate(1 hour)',
  memory: 128,
  timeout: 60,
  cache_seconds: 300,
};
