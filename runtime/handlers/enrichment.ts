/**
 * What runs on each chunk of classified records before the rules (the rule processor's `enrich` option):
 * lookup tables due for a refresh are reloaded (so `lookupTable()` reads fresh values synchronously), then
 * threat intel attaches `streamalert:ioc` to records holding known indicators. Neither ever throws.
 * Built only inside Lambda: `lambda test` and `process` use the fixture's tables and indicators instead.
 */
import type { ClassifiedRecord } from '../classifier/types';
import type { Config } from '../config/types';
import type { Logger } from '../logger';
import { createLookupTableStore } from '../lookup-tables';
import { setLookupTables } from '../rules/lookup-tables';
import { cachedIocSource, createThreatIntel, dynamoDbIocSource } from '../threat-intel';

/** Enriches a chunk of classified records in place, before rules run on them. */
export type Enrich = (records: readonly ClassifiedRecord[]) => Promise<void>;

/** The enrichment a deployed rule processor of `cluster` runs, or undefined when nothing is enabled. */
export function defaultEnrichment(config: Config, cluster: string, logger: Logger, env: NodeJS.ProcessEnv = process.env): Enrich | undefined {
  if (!env.AWS_LAMBDA_FUNCTION_NAME) return undefined;
  const steps: Enrich[] = [];
  const lt = config.lookup_tables;
  if (lt.enabled && Object.keys(lt.tables).length > 0) {
    // Lookup and IOC tables live in the account region, whichever region this cluster runs in.
    const store = createLookupTableStore({ config: lt, logger, region: config.account.region });
    steps.push(async () => {
      await store.refresh();
      setLookupTables(store.snapshot());
    });
  }
  const ti = config.threat_intel;
  if (ti.enabled && ti.clusters.includes(cluster)) {
    const source = cachedIocSource(dynamoDbIocSource({ table: ti.table, region: config.account.region }), { ttlSeconds: ti.cache_seconds });
    const match = createThreatIntel({ config: ti, source, logger });
    steps.push(async (records) => void (await match(records)));
  }
  if (steps.length === 0) return undefined;
  return async (records) => {
    for (const step of steps) await step(records);
  };
}
