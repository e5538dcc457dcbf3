/**
 * A per-container memory of IOC lookups, found or not: the same addresses and domains come back in batch
 * after batch, and each one asked again costs a DynamoDB read. Entries live `cache_seconds` (an indicator
 * the downloader adds matches at most that late) and the oldest are dropped past `maxEntries`. A failed
 * lookup is never remembered.
 */
import type { Ioc, IocSource } from './types';

/** Options of {@link cachedIocSource}. */
export interface IocCacheOptions {
  readonly ttlSeconds: number;
  /** @default 100000 */
  readonly maxEntries?: number;
  /** @default Date.now */
  readonly now?: () => number;
}

/** Wraps a source with the cache (the source itself when `ttlSeconds` is 0). */
export function cachedIocSource(source: IocSource, options: IocCacheOptions): IocSource {
  if (options.ttlSeconds <= 0) return source;
  const ttl = options.ttlSeconds * 1000;
  const max = options.maxEntries ?? 100_000;
  const now = options.now ?? Date.now;
  const known = new Map<string, { readonly ioc: Ioc | null; readonly until: number }>();
  return {
    async lookup(values) {
      const at = now();
      const found: Ioc[] = [];
      const missing: string[] = [];
      for (const value of values) {
        const hit = known.get(value);
        if (hit && hit.until > at) {
          if (hit.ioc) found.push(hit.ioc);
        } else {
          missing.push(value);
        }
      }
      if (missing.length === 0) return found;
      const fetched = await source.lookup(missing);
      const byValue = new Map(fetched.map((ioc) => [ioc.ioc_value, ioc]));
      for (const value of missing) {
        known.delete(value);
        known.set(value, { ioc: byValue.get(value) ?? null, until: at + ttl });
      }
      // Map keeps insertion order: the first keys are the oldest.
      for (const key of known.keys()) {
        if (known.size <= max) break;
        known.delete(key);
      }
      return [...found, ...fetched];
    },
  };
}
