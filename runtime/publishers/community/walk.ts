/** Small helpers over JSON values shared by the community publishers. */

/** A plain JSON object. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A deep copy of a JSON value (publishers never mutate what they are given). */
export function clone<T>(value: T): T {
  return structuredClone(value);
}

/** Removes, in place, every object key anywhere in `value` that `pattern` finds (Python's `re.search`). */
export function deleteKeysMatching(value: unknown, pattern: RegExp): void {
  const fringe: unknown[] = [value];
  while (fringe.length > 0) {
    const next = fringe.shift();
    if (Array.isArray(next)) fringe.push(...next);
    else if (isPlainObject(next)) {
      for (const key of Object.keys(next)) if (pattern.test(key)) delete next[key];
      fringe.push(...Object.values(next));
    }
  }
}

/** Every value stored under `key` anywhere in `value`, breadth first (StreamAlert's `get_keys`). */
export function valuesOfKey(value: unknown, key: string): unknown[] {
  const found: unknown[] = [];
  const fringe: unknown[] = [value];
  while (fringe.length > 0) {
    const next = fringe.shift();
    if (Array.isArray(next)) fringe.push(...next);
    else if (isPlainObject(next)) {
      for (const [k, v] of Object.entries(next)) {
        if (k === key) found.push(v);
        if (typeof v === 'object' && v !== null) fringe.push(v);
      }
    }
  }
  return found;
}

/** `{ 'a.b[0]': leaf }` for every leaf of `value`, sorted by path. */
export function flattenPaths(value: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const walk = (node: unknown, path: string): void => {
    if (Array.isArray(node)) node.forEach((item, i) => walk(item, `${path}[${i}]`));
    else if (isPlainObject(node)) for (const [k, v] of Object.entries(node)) walk(v, path ? `${path}.${k}` : k);
    else out[path] = node;
  };
  walk(value, '');
  return Object.fromEntries(Object.keys(out).sort().map((k) => [k, out[k]]));
}
