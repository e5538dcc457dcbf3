/** Small value predicates and conversions shared by the parsers (Python-compatible where StreamAlert relies on it). */
import { safeStringify } from '../json';

/** A JSON object (not null, not a list). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);
}

const hasOwnProperty = Object.prototype.hasOwnProperty;

/** Own-property test that works for keys such as 'constructor' or '__proto__'. */
export function hasOwn(value: object, key: string): boolean {
  return hasOwnProperty.call(value, key);
}

/** Number of own enumerable keys. */
export function countKeys(value: object): number {
  let n = 0;
  for (const key in value) if (hasOwnProperty.call(value, key)) n++;
  return n;
}

/**
 * Python truthiness, which StreamAlert's type conversion relies on: None, False, 0, '', [] and {} are falsy
 * and left unconverted (so `null` passes any scalar type, as in StreamAlert).
 */
export function isFalsy(value: unknown): boolean {
  if (value === null || value === undefined || value === false || value === 0 || value === '') return true;
  if (Array.isArray(value)) return value.length === 0;
  if (isPlainObject(value)) {
    for (const key in value) if (hasOwnProperty.call(value, key)) return false;
    return true;
  }
  return false;
}

/**
 * Text of a value the way Python's `str()` renders scalars (StreamAlert's string coercion and normalization):
 * booleans become 'True'/'False'; maps and lists become JSON (Python would print its own repr).
 */
export function pythonStr(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (value === null || value === undefined) return 'None';
  if (typeof value === 'number') return String(value);
  return safeStringify(value);
}

/** Sets `key` on `target`, safe for '__proto__'. */
export function setKey(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}
