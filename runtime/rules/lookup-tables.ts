/**
 * Lookup tables for rules: small key -> value tables kept outside the code (allow lists, deny lists).
 * The rules engine is given the tables (in tests, from a fixture's `test_fixtures.lookup_tables`); a rule
 * reads them with {@link lookupTable}. Deployed storage for the tables is not built yet: in Lambda every
 * lookup returns its default.
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
