/**
 * Staging in the rule processor: an {@link AlertSink} around the alerts table sink. At each flush it reads
 * (cached) the staging state of the rules whose alerts it holds; an alert of a staged rule goes on with its
 * outputs replaced by the staging output only and `staged: true`, and once the alerts are stored each staged
 * rule's alert count grows by its number of alerts (an atomic ADD on the rules table item).
 *
 * A rule absent from the table (deployed before staging was switched on) is treated as promoted. A retried
 * batch counts its staged alerts again: the count can only err upwards, keeping a rule staged longer.
 */
import { STAGING_OUTPUT } from '../config/names';
import type { Alert } from '../rules/types';
import type { AlertSink } from '../alerts/types';
import type { RulesTable } from './table';

/** Options of {@link createStagingAlertSink}. */
export interface StagingSinkOptions {
  readonly inner: AlertSink;
  readonly table: Pick<RulesTable, 'getMany' | 'addAlerts'>;
  /** How long a staging state read from the table is trusted, in seconds. */
  readonly cacheSeconds: number;
  /** @default the system clock */
  readonly now?: () => number;
}

/** The staging view of one alert: unchanged for a promoted rule, staging output only and `staged` for a staged one. */
export function stagedAlert(alert: Alert): Alert {
  return { ...alert, outputs: [STAGING_OUTPUT], staged: true };
}

/** Wraps `options.inner` with rule staging. */
export function createStagingAlertSink(options: StagingSinkOptions): AlertSink {
  const { inner, table } = options;
  const now = options.now ?? Date.now;
  const cache = new Map<string, { staged: boolean; until: number }>();
  let buffer: Alert[] = [];

  const stagedRules = async (names: readonly string[]): Promise<Set<string>> => {
    const t = now();
    const stale = names.filter((n) => (cache.get(n)?.until ?? 0) <= t);
    if (stale.length > 0) {
      const states = await table.getMany(stale);
      for (const n of stale) cache.set(n, { staged: states.get(n)?.staged === true, until: t + options.cacheSeconds * 1000 });
    }
    return new Set(names.filter((n) => cache.get(n)?.staged === true));
  };

  return {
    add: (alert) => void buffer.push(alert),
    pending: () => buffer.length + inner.pending(),
    async flush() {
      const counts = new Map<string, number>();
      if (buffer.length > 0) {
        const staged = await stagedRules([...new Set(buffer.map((a) => a.rule_name))]);
        for (const alert of buffer) {
          if (staged.has(alert.rule_name)) {
            inner.add(stagedAlert(alert));
            counts.set(alert.rule_name, (counts.get(alert.rule_name) ?? 0) + 1);
          } else {
            inner.add(alert);
          }
        }
        buffer = [];
      }
      await inner.flush();
      for (const [rule, count] of counts) await table.addAlerts(rule, count);
    },
  };
}
