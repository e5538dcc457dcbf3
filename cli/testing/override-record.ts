/** StreamAlert v3 `override_record`: a record of the schema's default values with the given fields over it. */
import type { FieldType, SchemaSpec } from '../../runtime/config';

/** The default value of a schema field type ('' for string, 0 for numbers, false, {} or []). */
export function defaultValue(type: FieldType): unknown {
  if (Array.isArray(type)) return [];
  if (typeof type === 'object' && type !== null) return defaultRecord(type as SchemaSpec);
  switch (type) {
    case 'integer':
    case 'float':
      return 0;
    case 'boolean':
      return false;
    default:
      return '';
  }
}

/** A record with every schema key at its default value. */
export function defaultRecord(schema: SchemaSpec): Record<string, unknown> {
  return Object.fromEntries(Object.entries(schema).map(([key, type]) => [key, defaultValue(type)]));
}

/** The record for an `override_record` event: defaults of `schema`, then `overrides` (top-level keys). */
export function overrideRecord(schema: SchemaSpec, overrides: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return { ...defaultRecord(schema), ...overrides };
}
