/** Safe nested lookup and set membership for rule authors. */

/**
 * The value at a dotted path ('detail.userIdentity.type') or a list of keys, or `fallback` when any step is
 * missing or not an object. List indexes work as keys ('items.0.name').
 *
 * @example
 * ```ts
 * getPath(rec, 'requestParameters.bucketName', '')
 * ```
 */
export function getPath<T = unknown>(value: unknown, path: string | readonly (string | number)[], fallback?: T): T | undefined {
  const keys = typeof path === 'string' ? (path === '' ? [] : path.split('.')) : path;
  let current: unknown = value;
  for (const key of keys) {
    if (current === null || typeof current !== 'object') return fallback;
    if (!Object.prototype.hasOwnProperty.call(current, key)) return fallback;
    current = (current as Record<string | number, unknown>)[key];
  }
  return current === undefined ? fallback : (current as T);
}

/** True when every key in `path` exists (even with a null value). */
export function hasPath(value: unknown, path: string | readonly (string | number)[]): boolean {
  const marker = {};
  return getPath(value, path, marker) !== marker;
}

function globToRegExp(pattern: string): RegExp {
  const escaped = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${escaped}$`, 's');
}

/**
 * True when `value` equals a member of `set`; string members may use shell wildcards (`*`, `?`), as in
 * StreamAlert's `in_set`.
 *
 * @example
 * ```ts
 * inSet(rec.eventName, ['Delete*', 'StopLogging'])
 * ```
 */
export function inSet(value: unknown, set: Iterable<unknown>): boolean {
  for (const member of set) {
    if (member === value) return true;
    if (typeof member === 'string' && typeof value === 'string' && /[*?]/.test(member) && globToRegExp(member).test(value)) {
      return true;
    }
  }
  return false;
}
