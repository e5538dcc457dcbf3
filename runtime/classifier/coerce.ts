/**
 * Type coercion of one field value to its schema type, following StreamAlert's rules:
 * falsy values (null, false, 0, '', [], {}) are left as they are; otherwise
 * - `string`: strings pass, numbers and booleans are stringified ('True'/'False', as Python's `str()`),
 *   maps and lists become JSON text;
 * - `integer`: integral numbers, or strings holding an integer ('42', ' -7 '); anything else fails.
 *   An integer outside the safe range (past 2^53) stays a string of its exact digits, never rounded
 *   (the JSON reader keeps such literals as strings too: see runtime/json/exact-parse.ts);
 *   (StreamAlert's `int()` would truncate 1.5: here a non-integral number is a type error);
 * - `float`: numbers, or numeric strings ('1.5', '2e3');
 * - `boolean`: booleans, or 'true'/'false' in any case (StreamAlert turns any other value into false:
 *   here it is a type error, so that a wrong schema does not silently produce false);
 * - `ipaddress`: a string holding a valid IPv4 (dotted quad) or IPv6 address;
 * - `[]` (list of anything): lists;
 * - `{}` (map of anything): any value, as in StreamAlert (its ghe:general schema types `org_id`, a list, as `{}`).
 */
import ipaddr from 'ipaddr.js';
import { describeKind, Miss, MISS, quote } from './miss';
import { isFalsy, pythonStr } from './values';

/** Scalar and container kinds a field can have. 'map' (a nested schema) is matched by spec.ts. */
export type FieldKind = 'string' | 'integer' | 'float' | 'boolean' | 'ipaddress' | 'list' | 'anymap' | 'map';

const INTEGER_TEXT = /^\s*[+-]?\d+\s*$/;
const FLOAT_TEXT = /^\s*[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?\s*$/;

function typeMiss(explain: boolean, where: string, kind: string, value: unknown): Miss {
  return explain ? new Miss(`field "${where}" is not ${kind}: got ${describeKind(value)} ${quote(value)}`) : MISS;
}

/** Coerces `value` to a scalar or container `kind`; `where` names the field in reasons. */
export function coerceValue(kind: FieldKind, value: unknown, explain: boolean, where: string): unknown {
  switch (kind) {
    case 'string':
      if (typeof value === 'string' || isFalsy(value)) return value;
      return pythonStr(value);
    case 'integer':
      if (typeof value === 'number') return Number.isInteger(value) ? value : typeMiss(explain, where, 'an integer', value);
      if (typeof value === 'string' && INTEGER_TEXT.test(value)) return exactInteger(value);
      return isFalsy(value) ? value : typeMiss(explain, where, 'an integer', value);
    case 'float':
      if (typeof value === 'number') return value;
      if (typeof value === 'string' && FLOAT_TEXT.test(value)) {
        const number = Number(value);
        // '1e400' would become Infinity (null in JSON): keep the text rather than change the value.
        return Number.isFinite(number) ? number : value;
      }
      return isFalsy(value) ? value : typeMiss(explain, where, 'a float', value);
    case 'boolean':
      if (typeof value === 'boolean') return value;
      if (typeof value === 'string') {
        const lower = value.toLowerCase();
        if (lower === 'true') return true;
        if (lower === 'false') return false;
      }
      return isFalsy(value) ? value : typeMiss(explain, where, 'a boolean', value);
    case 'ipaddress':
      if (typeof value === 'string' && (ipaddr.IPv4.isValidFourPartDecimal(value) || ipaddr.IPv6.isValid(value))) {
        return value;
      }
      return isFalsy(value) ? value : typeMiss(explain, where, 'an IP address', value);
    case 'list':
      return Array.isArray(value) || isFalsy(value) ? value : typeMiss(explain, where, 'a list', value);
    case 'anymap':
    case 'map':
      return value;
  }
}

/** The number of an integer text, or its exact digits (trimmed) when a double cannot hold it. */
function exactInteger(text: string): number | string {
  const number = Number(text);
  return Number.isSafeInteger(number) ? number : text.trim();
}

/** The value an absent optional key gets, by type (StreamAlert: the type's empty value). */
export function defaultValue(kind: FieldKind): unknown {
  switch (kind) {
    case 'string':
    case 'ipaddress':
      return '';
    case 'integer':
    case 'float':
      return 0;
    case 'boolean':
      return false;
    case 'list':
      return [];
    case 'anymap':
    case 'map':
      return {};
  }
}
