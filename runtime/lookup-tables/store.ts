/**
 * The per-container cache of lookup tables. Each table is loaded whole and reloaded once its
 * `cache_refresh_minutes` have passed; the rule processor awaits {@link LookupTableStore.refresh} between
 * payload chunks, so rules read the cache synchronously. A table that cannot be read is logged; its last
 * good values stay in use (none on the first load, so lookups return their default) and the read is
 * tried again after at most a minute. Nothing here ever fails the batch.
 */
import type { LookupTablesConfig } from '../config/intel';
import { errorMessage } from '../errors';
import type { Logger } from '../logger';
import { dynamoDb } from './dynamodb-client';
import { dynamoDbTableDriver } from './dynamodb-driver';
import { s3TableDriver } from './s3-driver';
import type { LookupTableDriver, LookupTableStore, TableValues } from './types';

/** Longest wait before a failed table is read again. */
export const RETRY_AFTER_FAILURE_MS = 60_000;

/** Options of {@link createLookupTableStore}. */
export interface LookupTableStoreOptions {
  readonly config: LookupTablesConfig;
  readonly logger: Logger;
  /** Region of the DynamoDB tables (the account region). @default the function's own */
  readonly region?: string;
  /** @default S3 and DynamoDB drivers built from the configuration */
  readonly drivers?: Readonly<Record<string, LookupTableDriver>>;
  /** @default Date.now */
  readonly now?: () => number;
}

interface TableState {
  readonly driver: LookupTableDriver;
  readonly intervalMs: number;
  values?: TableValues;
  nextRefresh: number;
}

/** The drivers of every configured table. */
export function driversFor(config: LookupTablesConfig, logger: Logger, region?: string): Record<string, LookupTableDriver> {
  return Object.fromEntries(
    Object.entries(config.tables).map(([name, t]) => [name, t.driver === 's3' ? s3TableDriver(t) : dynamoDbTableDriver(t, logger, () => dynamoDb(region))]),
  );
}

/** Creates the cache of the configured tables (nothing is read until the first refresh). */
export function createLookupTableStore(options: LookupTableStoreOptions): LookupTableStore {
  const now = options.now ?? Date.now;
  const drivers = options.drivers ?? driversFor(options.config, options.logger, options.region);
  const states = new Map<string, TableState>(
    Object.entries(drivers).map(([name, driver]) => [
      name,
      { driver, intervalMs: (options.config.tables[name]?.cache_refresh_minutes ?? 10) * 60_000, nextRefresh: 0 },
    ]),
  );

  const load = async (name: string, state: TableState): Promise<void> => {
    const started = now();
    try {
      state.values = await state.driver.load();
      state.nextRefresh = started + state.intervalMs;
      options.logger.debug('lookup table loaded', { table: name, keys: Object.keys(state.values).length, from: state.driver.describe });
    } catch (err) {
      state.nextRefresh = started + Math.min(state.intervalMs, RETRY_AFTER_FAILURE_MS);
      options.logger.error('lookup table read failed; lookups use the last values loaded, or their default', {
        table: name,
        from: state.driver.describe,
        stale: state.values !== undefined,
        error: errorMessage(err),
      });
    }
  };

  return {
    async refresh() {
      const due = [...states].filter(([, s]) => now() >= s.nextRefresh);
      await Promise.all(due.map(([name, s]) => load(name, s)));
    },
    snapshot() {
      const out: Record<string, TableValues> = {};
      for (const [name, s] of states) if (s.values !== undefined) out[name] = s.values;
      return out;
    },
  };
}
