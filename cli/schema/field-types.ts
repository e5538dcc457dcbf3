/**
 * Schema field types from JSON values, widened across samples so that the classifier's coercion accepts every
 * sample: integer + float = float; mixed scalars = string (every scalar coerces to a string); a list is `[]`;
 * an object is typed key by key down to a depth, else `{}`; anything mixed with a container is `{}` (any value).
 * `null` carries no type (it passes every type).
 */
import type { FieldType, SchemaSpec } from '../../runtime/config';

/** What the samples of one field showed, before it is turned into a {@link FieldType}. */
export type Observed =
  | { readonly kind: 'none' }
  | { readonly kind: 'scalar'; readonly type: 'string' | 'integer' | 'float' | 'boolean' }
  | { readonly kind: 'list' }
  | { readonly kind: 'object'; readonly samples: number; readonly keys: ReadonlyMap<string, { readonly seen: number; readonly observed: Observed }> }
  | { readonly kind: 'any' };

export const NONE: Observed = { kind: 'none' };

function scalarOf(value: unknown): 'string' | 'integer' | 'float' | 'boolean' | undefined {
  switch (typeof value) {
    case 'string':
      return 'string';
    case 'boolean':
      return 'boolean';
    case 'number':
      return Number.isInteger(value) ? 'integer' : 'float';
    default:
      return undefined;
  }
}

/** Observation of one object's keys (the record itself, or a nested map). */
export function observeObject(value: Record<string, unknown>): Observed {
  const keys = new Map<string, { seen: number; observed: Observed }>();
  for (const [key, v] of Object.entries(value)) keys.set(key, { seen: 1, observed: observe(v) });
  return { kind: 'object', samples: 1, keys };
}

/** Observation of one value. */
export function observe(value: unknown): Observed {
  if (value === null || value === undefined) return NONE;
  if (Array.isArray(value)) return { kind: 'list' };
  if (typeof value === 'object') return observeObject(value as Record<string, unknown>);
  const scalar = scalarOf(value);
  return scalar ? { kind: 'scalar', type: scalar } : { kind: 'any' };
}

/** Widens two observations of the same field. */
export function widen(a: Observed, b: Observed): Observed {
  if (a.kind === 'none') return b;
  if (b.kind === 'none') return a;
  if (a.kind === 'any' || b.kind === 'any') return { kind: 'any' };
  if (a.kind === 'scalar' && b.kind === 'scalar') {
    if (a.type === b.type) return a;
    const pair = new Set([a.type, b.type]);
    return { kind: 'scalar', type: pair.has('integer') && pair.has('float') && pair.size === 2 ? 'float' : 'string' };
  }
  if (a.kind === 'list' && b.kind === 'list') return a;
  if (a.kind === 'object' && b.kind === 'object') {
    const keys = new Map(a.keys);
    for (const [key, entry] of b.keys) {
      const prior = keys.get(key);
      keys.set(key, prior ? { seen: prior.seen + entry.seen, observed: widen(prior.observed, entry.observed) } : entry);
    }
    return { kind: 'object', samples: a.samples + b.samples, keys };
  }
  return { kind: 'any' };
}

/**
 * The schema type of an observation. Objects are typed key by key while `depth` > 0 and every sample had the
 * same keys (nested maps have no optional keys in StreamAlert's format); otherwise they are `{}`.
 */
export function fieldType(observed: Observed, depth: number): FieldType {
  switch (observed.kind) {
    case 'none':
      return 'string';
    case 'scalar':
      return observed.type;
    case 'list':
      return [];
    case 'any':
      return {};
    case 'object': {
      const consistent = [...observed.keys.values()].every((k) => k.seen === observed.samples);
      if (depth <= 0 || !consistent || observed.keys.size === 0) return {};
      return specOf(observed, depth - 1);
    }
  }
}

/** The schema of an object observation, keys sorted; nested objects typed down to `depth` more levels. */
export function specOf(observed: Extract<Observed, { kind: 'object' }>, depth: number): SchemaSpec {
  return Object.fromEntries([...observed.keys.keys()].sort().map((key) => [key, fieldType(observed.keys.get(key)!.observed, depth)]));
}
