/**
 * Lookup tables for rules: small key -> value tables kept outside the code (allow lists, deny lists).
 * A rule reads them synchronously with {@link lookupTable}. In Lambda the tables of `conf/lookup_tables.json`
 * (S3 objects or DynamoDB tables) are loaded whole into a per-container cache that the rule processor
 * refreshes between payload chunks, before the rules run, once a table's `cache_refresh_minutes` have
 * passed (runtime/lookup-tables); a table that cannot be read yields each lookup's default. In `lambda test`
 * the engine is given the fixture's `test_fixtures.lookup_tables` instead.
 */

/** Table name -> key -> value. */
export type LookupTables = Readonly<Record<string, Readonly<Record<string, unknown>>>>;

let tables: LookupTables = {};

/** Replaces the lookup tables rules read (the engine calls this). */
export function setLookupTables(next: LookupTables): void {
  tables = next;
}

/**
 * The value of `key` in lookup table `table`, or `fallback` when the table or key is missing.
 *
 * @example
 * ```ts
 * const blocked = lookupTable('dynamo-backed-table', 'duo_blacklisted_browsers', [] as string[]);
 * ```
 */
export function lookupTable<T>(table: string, key: string, fallback: T): T {
  const found = tables[table];
  if (!found || !Object.prototype.hasOwnProperty.call(found, key)) return fallback;
  return found[key] as T;
}
