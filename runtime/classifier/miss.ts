/**
 * How the matching code says "no": a {@link Miss} value, never an exception.
 *
 * Classification runs each record against many schemas and most attempts fail, so failures are cheap by
 * default: in fast mode every miss is the shared {@link MISS} constant (no message built). Only when a record
 * matches nothing does the classifier run the candidates again with `explain` on to say why each failed.
 */
import { quoteValue } from '../errors';

/** A failed match; `reason` is empty in fast mode. */
export class Miss {
  constructor(readonly reason: string) {}
}

/** The shared miss of fast mode. */
export const MISS = new Miss('');

/** True when a matching step returned a miss. */
export function isMiss(value: unknown): value is Miss {
  return value instanceof Miss;
}

/** A miss with `reason` in explain mode, the shared constant otherwise. */
export function miss(explain: boolean, reason: () => string): Miss {
  return explain ? new Miss(reason()) : MISS;
}

/** Most names listed in one reason. */
const MAX_NAMES = 8;

/** Lists names for a reason: `"a", "b" and 3 more`. */
export function listNames(names: readonly string[]): string {
  const shown = names.slice(0, MAX_NAMES).map((n) => JSON.stringify(n));
  return names.length > MAX_NAMES ? `${shown.join(', ')} and ${names.length - MAX_NAMES} more` : shown.join(', ');
}

/** Describes a value's JSON kind for a reason: 'a string', 'a list', 'null'... */
export function describeKind(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  switch (typeof value) {
    case 'string':
      return 'a string';
    case 'number':
      return 'a number';
    case 'boolean':
      return 'a boolean';
    case 'object':
      return 'a JSON object';
    default:
      return typeof value;
  }
}

/** Quotes a value for a reason (short). */
export function quote(value: unknown): string {
  return quoteValue(value, 60);
}
