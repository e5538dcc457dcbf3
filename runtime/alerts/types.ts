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
