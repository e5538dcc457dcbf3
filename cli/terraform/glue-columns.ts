/** Glue (Hive) column types from StreamAlert schema field types, so that Athena can query the data. */
import type { FieldType, LogSchema } from '../../runtime/config';

/** One Glue column. */
export interface GlueColumn {
  readonly name: string;
  readonly type: string;
}

const SCALARS: Readonly<Record<string, string>> = {
  string: 'string',
  integer: 'bigint',
  float: 'double',
  boolean: 'boolean',
  ipaddress: 'string',
};

/** Hive names inside struct<...> must be plain identifiers; anything else falls back to a map. */
const PLAIN_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Hive type of a schema field type: scalars map directly, `[]` and `[type]` to arrays, `{}` to a
 * string map, and objects with keys to structs (a map when a key is not a plain identifier).
 */
export function determineGlueType(type: FieldType): string {
  if (typeof type === 'string') return SCALARS[type] ?? 'string';
  if (Array.isArray(type)) {
    const list = type as readonly FieldType[];
    return `array<${list.length === 0 ? 'string' : determineGlueType(list[0])}>`;
  }
  const entries = Object.entries(type as Readonly<Record<string, FieldType>>);
  if (entries.length === 0 || entries.some(([key]) => !PLAIN_NAME.test(key))) return 'map<string,string>';
  return `struct<${entries.map(([key, value]) => `${key.toLowerCase()}:${determineGlueType(value)}`).join(',')}>`;
}

/** Columns of a log type's table: schema keys in order, lower-cased (Athena's column names are). */
export function determineGlueColumns(schema: LogSchema): GlueColumn[] {
  const seen = new Set<string>();
  const columns: GlueColumn[] = [];
  for (const [key, type] of Object.entries(schema.schema)) {
    const name = key.toLowerCase();
    if (seen.has(name)) continue;
    seen.add(name);
    columns.push({ name, type: determineGlueType(type) });
  }
  return columns;
}
