/**
 * The contract between the rule processor and alert storage. The rule processor hands every alert to an
 * {@link AlertSink} as it is produced and awaits `flush` before the invocation returns: alerts are durable
 * before Lambda considers the batch done. A `flush` that throws fails the invocation so Lambda retries the
 * batch; deterministic alert ids make the rewrite harmless.
 */
import type { Alert } from '../rules/types';

/** Where the rule processor's alerts go. */
export interface AlertSink {
  /** Buffers one alert (never throws for a single bad alert: it is counted and kept). */
  add(alert: Alert): void;
  /** Alerts buffered and not yet written; the handler calls `flush` between payloads when this grows. */
  pending(): number;
  /** Writes everything buffered. Throws (a retryable StreamAlertError) when alerts could not be stored. */
  flush(): Promise<void>;
}

/** The table key of one alert (hash `RuleName`, range `AlertID`). */
export interface AlertKey {
  readonly rule_name: string;
  readonly alert_id: string;
}

/** Delivery state of a stored alert. */
export interface AlertState {
  /** Outputs that acknowledged the alert (recorded one by one, at once, with a conditional update). */
  readonly outputs_sent: readonly string[];
  /** Outputs that failed permanently (a bad descriptor, a refused message): not retried, dead-lettered. */
  readonly outputs_failed: readonly string[];
  /** Dispatches to the alert processor so far. */
  readonly attempts: number;
  /** ISO-8601 times of the first and the latest dispatch. */
  readonly first_dispatch?: string;
  readonly last_dispatch?: string;
  /** The latest error of each output that failed (cut to a few KB). */
  readonly last_errors: Readonly<Record<string, string>>;
  /** Output -> messages of this alert it accepted before failing (Slack), so a retry does not send them again. */
  readonly accepted?: Readonly<Record<string, number>>;
}

/** An alert as the table holds it. */
export interface StoredAlert {
  readonly alert: Alert;
  readonly state: AlertState;
  /** S3 key of the record when the alert was too large for one item (`alerts/records/...`). */
  readonly record_key?: string;
  /** When the merger next looks at it (epoch ms, `DueAt`); the value its dispatch claim expects. */
  readonly due_at?: number;
}
