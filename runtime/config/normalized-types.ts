/**
 * `normalized_types.json` (StreamAlert's older normalization file): log type or family -> normalized type ->
 * record keys. Each key is turned into the paths where the log type's schema declares it (at any depth), so
 * the classifier's one normalizer serves both files; a key the schema does not declare is read at the top
 * level. A normalized type the schema's own `normalization` defines is left as the schema says.
 */
import type { FieldType, LogSchema, NormalizedPath, SchemaSpec } from './types';

/** Family or log type -> normalized type -> keys. */
export type NormalizedTypes = Readonly<Record<string, Readonly<Record<string, readonly string[]>>>>;

function isSpec(value: FieldType): value is SchemaSpec {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Paths (depth first, in schema order) at which `key` is declared in `spec`. */
export function pathsOfKey(spec: SchemaSpec, key: string, prefix: readonly string[] = []): string[][] {
  const found: string[][] = [];
  for (const [name, type] of Object.entries(spec)) {
    if (name === key) found.push([...prefix, name]);
    if (isSpec(type)) found.push(...pathsOfKey(type, key, [...prefix, name]));
  }
  return found;
}

/** The logs with the normalized types of `types` added to each matching log type. */
export function applyNormalizedTypes(
  logs: Readonly<Record<string, LogSchema>>,
  types: NormalizedTypes,
): Record<string, LogSchema> {
  const out: Record<string, LogSchema> = {};
  for (const [name, log] of Object.entries(logs)) {
    const extra = { ...(types[name.split(':')[0]] ?? {}), ...(types[name] ?? {}) };
    const own = log.configuration.normalization ?? {};
    const added: Record<string, NormalizedPath[]> = {};
    for (const [type, keys] of Object.entries(extra)) {
      if (own[type] !== undefined) continue;
      const paths = keys.flatMap((key) => {
        const declared = pathsOfKey(log.schema, key);
        return declared.length > 0 ? declared : [[key]];
      });
      added[type] = paths.map((path) => ({ path }));
    }
    out[name] =
      Object.keys(added).length === 0 ? log : { ...log, configuration: { ...log.configuration, normalization: { ...own, ...added } } };
  }
  return out;
}
