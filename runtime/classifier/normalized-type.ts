/**
 * One spelling for normalized types. StreamAlert v3.5.0's `normalized_types.json` and `threat_intel.json` name
 * them in camelCase (`sourceAddress`), its newer schema-level `normalization` and this project's bundled schemas in
 * snake_case (`source_address`). Both spellings stay valid in configuration files; every lookup (threat intel's
 * `normalized_ioc_types`, rules' `datatypes`, {@link valuesOfType}) compares canonical names, so a configuration
 * mixing the two (StreamAlert's threat_intel.json with the bundled schemas, or the other way round) still matches.
 */
import type { NormalizedValues } from './types';

const memo = new Map<string, string>();

/** The canonical (snake_case, lower-case) name of a normalized type: `sourceAddress` and `source_address` agree. */
export function canonicalType(name: string): string {
  let canonical = memo.get(name);
  if (canonical === undefined) {
    canonical = name
      .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
      .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
      .replace(/[\s-]+/g, '_')
      .toLowerCase();
    memo.set(name, canonical);
  }
  return canonical;
}

/** The values of one normalized type in a record's normalized values, under either spelling (in order found). */
export function valuesOfType(normalized: NormalizedValues, type: string): unknown[] {
  const direct = normalized[type];
  const wanted = canonicalType(type);
  let out: unknown[] | undefined;
  for (const [key, values] of Object.entries(normalized)) {
    if (key === type || canonicalType(key) !== wanted) continue;
    out ??= [...(direct ?? [])];
    out.push(...values);
  }
  return out ?? [...(direct ?? [])];
}
