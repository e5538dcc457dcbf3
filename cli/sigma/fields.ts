/**
 * Resolving a Sigma field name to a record path for one log type: the mapping's explicit field, then the
 * schema's keys (a literal dotted key such as Zeek's 'id.orig_h', exact keys, then a key differing only in case),
 * under the mapping's root. A field the schema rules out is reported.
 */
import type { FieldType, LogSchema, SigmaLogTypeMapping } from '../../runtime/config';

/** Where a field was found. */
export interface ResolvedField {
  readonly path: string[];
  /** Why the field may be absent from every record of the log type ('' when the schema declares it). */
  readonly problem: string;
  /** True when the schema rules the field out (exact key sets): it can never match. */
  readonly impossible: boolean;
}

type Spec = Readonly<Record<string, FieldType>>;

function isObjectSpec(type: FieldType | undefined): type is Spec {
  return type !== undefined && typeof type === 'object' && !Array.isArray(type);
}

function findKey(spec: Spec, name: string): string | undefined {
  if (Object.prototype.hasOwnProperty.call(spec, name)) return name;
  const lower = name.toLowerCase();
  const matches = Object.keys(spec).filter((k) => k.toLowerCase() === lower);
  return matches.length === 1 ? matches[0] : undefined;
}

/** The schema node at the root path (undefined when it is not declared in detail). */
function rootSpec(schema: LogSchema, root: readonly string[]): Spec | undefined {
  let spec: FieldType | undefined = schema.schema;
  for (const key of root) {
    if (!isObjectSpec(spec)) return undefined;
    spec = spec[key];
  }
  return isObjectSpec(spec) && Object.keys(spec).length > 0 ? spec : undefined;
}

/** Resolves `field` for a log type. */
export function resolveField(field: string, schema: LogSchema, mapping: SigmaLogTypeMapping): ResolvedField {
  const root = mapping.root ? mapping.root.split('.') : [];
  const explicit = mapping.fields?.[field];
  if (explicit !== undefined) return { path: [...root, ...explicit.split('.')], problem: '', impossible: false };
  let spec = rootSpec(schema, root);
  const tolerant = schema.configuration.extra_keys === 'keep';
  if (spec && Object.prototype.hasOwnProperty.call(spec, field)) return { path: [...root, field], problem: '', impossible: false };
  const path = [...root];
  const segments = field.split('.');
  for (let i = 0; i < segments.length; i += 1) {
    const segment = segments[i] as string;
    if (!spec) {
      // Below an object the schema leaves open ({}): any key may be there.
      path.push(...segments.slice(i));
      return { path, problem: '', impossible: false };
    }
    const key = findKey(spec, segment);
    if (key === undefined) {
      path.push(...segments.slice(i));
      const where = i === 0 ? '' : ` under "${segments.slice(0, i).join('.')}"`;
      return {
        path,
        problem: `field "${field}" is not in the schema of ${schema.name} (no key "${segment}"${where})`,
        impossible: !tolerant,
      };
    }
    path.push(key);
    const next: FieldType | undefined = spec[key];
    spec = isObjectSpec(next) && Object.keys(next).length > 0 ? next : undefined;
  }
  return { path, problem: '', impossible: false };
}
