/**
 * A schema (`{ key: type }`) compiled once into a field list, and the matcher that checks a record against it
 * and builds the typed output in the same pass: exact key set (optional keys may be absent and get a default),
 * nested non-empty maps checked recursively with exact keys, every value coerced (coerce.ts).
 * With `extra_keys: "keep"` the declared keys still decide the match and are coerced, and keys the schema does
 * not list are copied to the output as they are, at every level of the schema.
 * The input record is never mutated.
 */
import { ConfigError } from '../errors';
import type { FieldType, SchemaSpec } from '../config/types';
import { coerceValue, defaultValue, type FieldKind } from './coerce';
import { describeKind, isMiss, listNames, Miss, MISS } from './miss';
import { countKeys, hasOwn, isPlainObject, setKey } from './values';

/** One field of a compiled schema. */
export interface FieldSpec {
  readonly key: string;
  readonly kind: FieldKind;
  /** Nested schema of a non-empty map type. */
  readonly nested?: CompiledSpec;
  readonly optional: boolean;
  /** Keys that objects inherit ('constructor', 'toString'...) need an own-property test. */
  readonly inherited: boolean;
  /** '__proto__' must be defined, not assigned. */
  readonly proto: boolean;
}

/** A compiled schema. */
export interface CompiledSpec {
  readonly fields: readonly FieldSpec[];
  readonly keys: ReadonlySet<string>;
  /** Keys that must be present: checked first, so that most wrong schemas fail after a lookup or two. */
  readonly requiredKeys: readonly string[];
  /** `extra_keys: "keep"`: undeclared keys are kept, not a reason to reject the record. */
  readonly keepExtra: boolean;
}

/** Where a schema is declared, for configuration errors. */
export interface SpecOrigin {
  readonly file: string;
  readonly pointer: string;
}

function kindOf(type: FieldType, origin: SpecOrigin): FieldKind {
  if (Array.isArray(type)) return 'list';
  if (typeof type === 'object' && type !== null) return Object.keys(type).length === 0 ? 'anymap' : 'map';
  switch (type) {
    case 'string':
    case 'integer':
    case 'float':
    case 'boolean':
    case 'ipaddress':
      return type;
    default:
      throw new ConfigError([
        {
          ...origin,
          message: 'is not a schema type',
          value: type,
          hint: 'use string, integer, float, boolean, ipaddress, [] (list) or {} (map)',
        },
      ]);
  }
}

/** Compiles `spec`; keys in `optional` may be absent; `keepExtra` applies to nested maps too. */
export function compileSpec(spec: SchemaSpec, optional: ReadonlySet<string>, origin: SpecOrigin, keepExtra = false): CompiledSpec {
  const fields: FieldSpec[] = Object.entries(spec).map(([key, type]) => {
    const where = { file: origin.file, pointer: `${origin.pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}` };
    const kind = kindOf(type, where);
    return {
      key,
      kind,
      nested: kind === 'map' ? compileSpec(type as SchemaSpec, new Set(), where, keepExtra) : undefined,
      optional: optional.has(key),
      inherited: key in Object.prototype,
      proto: key === '__proto__',
    };
  });
  return {
    fields,
    keys: new Set(fields.map((f) => f.key)),
    requiredKeys: fields.filter((f) => !f.optional).map((f) => f.key),
    keepExtra,
  };
}

function keyMiss(value: Record<string, unknown>, spec: CompiledSpec, path: string): Miss {
  const missing = spec.fields.filter((f) => !f.optional && !hasOwn(value, f.key)).map((f) => f.key);
  const unexpected = spec.keepExtra ? [] : Object.keys(value).filter((k) => !spec.keys.has(k));
  const parts = [
    missing.length > 0 ? `missing keys ${listNames(missing)}` : '',
    unexpected.length > 0 ? `unexpected keys ${listNames(unexpected)} (the schema's extra_keys is "reject"; "keep" accepts them)` : '',
  ].filter(Boolean);
  return new Miss(`${path ? `map "${path}"` : 'record'} does not fit the schema: ${parts.join('; ')}`);
}

/**
 * Checks `value` against `spec` and returns the typed copy, or a miss.
 * @param subset when true, keys not in the schema are ignored (envelope keys are a subset of the envelope).
 * @param path dotted path of `value` in the record, for reasons.
 */
export function matchSpec(
  value: unknown,
  spec: CompiledSpec,
  explain: boolean,
  path = '',
  subset = false,
): Record<string, unknown> | Miss {
  if (!isPlainObject(value)) {
    return explain ? new Miss(`${path ? `field "${path}"` : 'record'} is ${describeKind(value)}, not a JSON object`) : MISS;
  }
  for (const key of spec.requiredKeys) if (!hasOwn(value, key)) return explain ? keyMiss(value, spec, path) : MISS;
  const exact = !subset && !spec.keepExtra;
  const count = exact ? countKeys(value) : 0;
  if (count > spec.fields.length) return explain ? keyMiss(value, spec, path) : MISS;
  const out: Record<string, unknown> = {};
  let present = 0;
  for (const field of spec.fields) {
    const key = field.key;
    const raw = field.inherited && !hasOwn(value, key) ? undefined : value[key];
    if (raw === undefined && !hasOwn(value, key)) {
      // Reached for required keys only when inherited ('constructor'...): the quick check above cannot see them.
      if (!field.optional) return explain ? keyMiss(value, spec, path) : MISS;
      if (field.proto) setKey(out, key, defaultValue(field.kind));
      else out[key] = defaultValue(field.kind);
      continue;
    }
    present++;
    const where = explain ? (path ? `${path}.${key}` : key) : '';
    const typed = field.nested ? matchSpec(raw, field.nested, explain, where) : coerceValue(field.kind, raw, explain, where);
    if (isMiss(typed)) return typed;
    if (field.proto) setKey(out, key, typed);
    else out[key] = typed;
  }
  if (exact && present !== count) return explain ? keyMiss(value, spec, path) : MISS;
  if (spec.keepExtra && !subset) copyExtra(value, spec, out);
  return out;
}

/** Copies the keys of `value` that `spec` does not declare into `out`, untouched. */
function copyExtra(value: Record<string, unknown>, spec: CompiledSpec, out: Record<string, unknown>): void {
  for (const key in value) {
    if (hasOwn(value, key) && !spec.keys.has(key)) setKey(out, key, value[key]);
  }
}

/** Number of own keys of `value` that `spec` does not declare (how loosely a `keep` schema fits). */
export function countExtra(value: unknown, spec: CompiledSpec): number {
  if (!isPlainObject(value)) return 0;
  let n = 0;
  for (const key in value) if (hasOwn(value, key) && !spec.keys.has(key)) n++;
  return n;
}
