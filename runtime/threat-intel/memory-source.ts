/**
 * Indicators held in memory: a fixture's `test_fixtures.threat_intel` list (StreamAlert's format,
 * `[{ "ioc_value": "1.1.1.2", "ioc_type": "ip", "sub_type": "mal_ip" }]`), so `lambda test` runs offline.
 */
import { isExpired } from './dynamodb-source';
import type { Ioc, IocSource } from './types';

/** An {@link IocSource} over a fixed list (expired entries never match). */
export function memoryIocSource(iocs: readonly Ioc[], now: () => number = Date.now): IocSource {
  const byValue = new Map(iocs.map((ioc) => [ioc.ioc_value, ioc]));
  return {
    async lookup(values) {
      const nowSeconds = now() / 1000;
      return values.flatMap((v) => {
        const ioc = byValue.get(v);
        return ioc && !isExpired(ioc, nowSeconds) ? [ioc] : [];
      });
    },
  };
}
