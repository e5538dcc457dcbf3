/**
 * Python semantics for rules ported from StreamAlert, so a port decides exactly as the original on any record:
 * `rec['k']` raises on a missing key, `None.get()` raises, `[]` and `{}` are false, `False == 0`, `x in {...}`
 * raises for a list or dict `x`. Where the Python rule raised, these throw a {@link RecordShapeError}, which
 * the engine counts as no match (as StreamAlert did).
 *
 * @example
 * ```ts
 * // Python: rec['data'].get('required_status_checks_enforcement_level') == 0
 * py.eq(py.get(py.item(rec, 'data'), 'required_status_checks_enforcement_level'), 0)
 * ```
 */
import { RecordShapeError, type PythonErrorKind } from '../errors';

function fail(kind: PythonErrorKind, message: string): never {
  throw new RecordShapeError(kind, message);
}

/** A JSON object (a Python dict). */
export function isDict(value: unknown): value is Readonly<Record<string, unknown>> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The Python type name of a JSON value, for messages. */
function typeName(value: unknown): string {
  if (value === null || value === undefined) return 'NoneType';
  if (Array.isArray(value)) return 'list';
  if (typeof value === 'object') return 'dict';
  if (typeof value === 'string') return 'str';
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'number') return Number.isInteger(value) ? 'int' : 'float';
  return typeof value;
}

const none = (value: unknown): unknown => (value === undefined ? null : value);

/** True for values Python can hash (anything but a list or a dict). */
export function isHashable(value: unknown): boolean {
  return value === null || value === undefined || typeof value !== 'object';
}

function requireHashable(value: unknown): void {
  if (!isHashable(value)) fail('TypeError', `unhashable type: '${typeName(value)}'`);
}

function isIntLike(value: unknown): value is number | boolean {
  return typeof value === 'boolean' || (typeof value === 'number' && Number.isInteger(value));
}

/** Python truthiness: `None`, `False`, `0`, `''`, `[]` and `{}` are false. */
export function truthy(value: unknown): boolean {
  if (value === null || value === undefined) return false;
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'object') return Object.keys(value).length > 0;
  return Boolean(value);
}

/** Python `a == b` on JSON values: `True == 1`, `1.0 == 1`, lists and dicts compared deeply, `'1' != 1`. */
export function eq(a: unknown, b: unknown): boolean {
  const na = none(a);
  const nb = none(b);
  const numeric = (v: unknown): boolean => typeof v === 'number' || typeof v === 'boolean';
  if (numeric(na) && numeric(nb)) return Number(na) === Number(nb);
  if (Array.isArray(na) || Array.isArray(nb)) {
    return Array.isArray(na) && Array.isArray(nb) && na.length === nb.length && na.every((v, i) => eq(v, nb[i]));
  }
  if (isDict(na) || isDict(nb)) {
    if (!isDict(na) || !isDict(nb)) return false;
    const keys = Object.keys(na);
    return keys.length === Object.keys(nb).length && keys.every((k) => Object.prototype.hasOwnProperty.call(nb, k) && eq(na[k], nb[k]));
  }
  return na === nb;
}

/** Python `container[key]`: a dict key, a list index (negative counts from the end) or a character of a string. */
export function item(container: unknown, key: string | number): unknown {
  if (isDict(container)) {
    if (typeof key === 'string' && Object.prototype.hasOwnProperty.call(container, key)) return none(container[key]);
    return fail('KeyError', JSON.stringify(key));
  }
  if (Array.isArray(container) || typeof container === 'string') {
    if (!isIntLike(key)) return fail('TypeError', `${typeName(container)} indices must be integers, not ${typeName(key)}`);
    const length = container.length;
    const index = Number(key) < 0 ? length + Number(key) : Number(key);
    if (index < 0 || index >= length) return fail('IndexError', `${typeName(container)} index out of range`);
    return Array.isArray(container) ? none(container[index]) : container[index];
  }
  return fail('TypeError', `'${typeName(container)}' object is not subscriptable`);
}

/** Python `d.get(key, fallback)`: `fallback` only when the key is absent (a null value is returned as null). */
export function get(dict: unknown, key: string, fallback: unknown = null): unknown {
  if (!isDict(dict)) return fail('AttributeError', `'${typeName(dict)}' object has no attribute 'get'`);
  return Object.prototype.hasOwnProperty.call(dict, key) ? none(dict[key]) : fallback;
}

/** Python `value is None`. */
export function isNone(value: unknown): boolean {
  return value === null || value === undefined;
}

/** Python `needle in container` (dict: its keys; list: an equal element; str: a substring). */
export function contains(container: unknown, needle: unknown): boolean {
  if (isDict(container)) {
    requireHashable(needle);
    return typeof needle === 'string' && Object.prototype.hasOwnProperty.call(container, needle);
  }
  if (Array.isArray(container)) return container.some((v) => eq(v, needle));
  if (typeof container === 'string') {
    if (typeof needle !== 'string') return fail('TypeError', `'in <string>' requires string as left operand, not ${typeName(needle)}`);
    return container.includes(needle);
  }
  return fail('TypeError', `argument of type '${typeName(container)}' is not iterable`);
}

/** Python `needle in some_set` (or a dict's keys): raises for a list or dict `needle`, else compares with {@link eq}. */
export function inSet(needle: unknown, members: Iterable<unknown>): boolean {
  requireHashable(needle);
  for (const member of members) if (eq(member, needle)) return true;
  return false;
}

/** Python `set(value)`: the members of a list, the keys of a dict or the characters of a string; each must be hashable. */
export function toSet(value: unknown): unknown[] {
  const members = iterate(value);
  for (const member of members) requireHashable(member);
  return members;
}

/** What `for x in value` visits in Python: list items, dict keys, string characters. */
export function iterate(value: unknown): unknown[] {
  if (Array.isArray(value)) return value.map(none);
  if (isDict(value)) return Object.keys(value);
  if (typeof value === 'string') return [...value];
  return fail('TypeError', `'${typeName(value)}' object is not iterable`);
}

/** Python `s.startswith(prefix)`: `s` must be a string. */
export function startsWith(value: unknown, prefix: string): boolean {
  if (typeof value !== 'string') return fail('AttributeError', `'${typeName(value)}' object has no attribute 'startswith'`);
  return value.startsWith(prefix);
}

/** Python `s.endswith(suffix)`: `s` must be a string. */
export function endsWith(value: unknown, suffix: string): boolean {
  if (typeof value !== 'string') return fail('AttributeError', `'${typeName(value)}' object has no attribute 'endswith'`);
  return value.endsWith(suffix);
}

/** A number for Python's `<`/`>`: ints, floats and bools compare; anything else raises. */
export function number(value: unknown): number {
  if (typeof value === 'number' || typeof value === 'boolean') return Number(value);
  return fail('TypeError', `'>' not supported between instances of '${typeName(value)}' and 'int'`);
}

export { toInt as int } from './python-int';
export { jsonLoads } from './python-json';
