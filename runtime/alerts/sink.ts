/**
 * The rule processor's {@link AlertSink} on the alerts table: alerts are buffered as the rules produce them
 * and written by `flush` (the handler flushes between payloads and before it returns). A flush that cannot
 * store everything throws, so the invocation fails and Lambda retries the batch.
 */
import { ALERT_ENV } from '../config/names';
import type { Config } from '../config/types';
import type { Alert } from '../rules/types';
import { s3AlertObjects } from './records';
import { createAlertStore, type AlertStore } from './store';
import { tombstoneSecondsOf } from './tombstone';
import type { AlertSink } from './types';

/** Totals of a sink since it was created. */
export interface AlertSinkStats {
  readonly added: number;
  readonly written: number;
  readonly existing: number;
  readonly oversized: number;
}

/** A sink that writes to the alerts table, with its totals. */
export interface TableAlertSink extends AlertSink {
  stats(): AlertSinkStats;
}

/** The sink of `store`. */
export function createTableAlertSink(store: AlertStore): TableAlertSink {
  let buffer: Alert[] = [];
  const totals = { added: 0, written: 0, existing: 0, oversized: 0 };
  return {
    add(alert) {
      buffer.push(alert);
      totals.added += 1;
    },
    pending: () => buffer.length,
    async flush() {
      if (buffer.length === 0) return;
      // The buffer is kept until the write succeeds: a failed flush loses nothing (and the invocation fails).
      const result = await store.putAlerts(buffer);
      buffer = [];
      totals.written += result.written;
      totals.existing += result.existing;
      totals.oversized += result.oversized;
    },
    stats: () => ({ ...totals }),
  };
}

/** A sink that only keeps what it is given (`lambda test`, `process --rules`): nothing is written anywhere. */
export interface CapturingAlertSink extends AlertSink {
  readonly alerts: readonly Alert[];
  /** Empties the captured list. */
  clear(): void;
}

/** Creates a {@link CapturingAlertSink}. */
export function createCapturingAlertSink(): CapturingAlertSink {
  const alerts: Alert[] = [];
  return {
    alerts,
    add: (alert) => void alerts.push(alert),
    pending: () => 0,
    flush: async () => undefined,
    clear: () => void alerts.splice(0, alerts.length),
  };
}

/** The alerts table store named by the environment (`ALERTS_TABLE`, large records in `ALERTS_BUCKET`). */
export function alertStoreFromEnv(config: Pick<Config, 'global' | 'account' | 'clusters'>, env: NodeJS.ProcessEnv = process.env): AlertStore | undefined {
  const table = env[ALERT_ENV.table]?.trim();
  if (!table) return undefined;
  const bucket = env[ALERT_ENV.bucket]?.trim();
  const region = config.account.region;
  return createAlertStore({ table, region, ttlDays: config.global.alerts.ttl_days, tombstoneSeconds: tombstoneSecondsOf(config), ...(bucket ? { objects: s3AlertObjects(bucket, region) } : {}) });
}

/**
 * The rule processor's default sink: the table named by `ALERTS_TABLE` (account region), only inside Lambda
 * (`AWS_LAMBDA_FUNCTION_NAME` set), so `lambda test` and `process` never write alerts to AWS.
 */
export function defaultAlertSink(config: Pick<Config, 'global' | 'account' | 'clusters'>, env: NodeJS.ProcessEnv = process.env): TableAlertSink | undefined {
  if (!env.AWS_LAMBDA_FUNCTION_NAME) return undefined;
  const store = alertStoreFromEnv(config, env);
  return store === undefined ? undefined : createTableAlertSink(store);
}
