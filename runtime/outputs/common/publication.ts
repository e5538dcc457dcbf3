/** Reading publisher "magic fields" (`@slack.text`, `@pagerduty-v2.summary`, ...) from a publication. */
import type { Publication } from '../../publishers/types';

/** A string field, or the fallback when absent or not a string. */
export function pubString(publication: Publication, key: string, fallback: string): string {
  const value = publication[key];
  return typeof value === 'string' ? value : fallback;
}

/** An optional string field. */
export function pubOptionalString(publication: Publication, key: string): string | undefined {
  const value = publication[key];
  return typeof value === 'string' ? value : undefined;
}

/** A boolean field, or the fallback. */
export function pubBool(publication: Publication, key: string, fallback: boolean): boolean {
  const value = publication[key];
  return typeof value === 'boolean' ? value : fallback;
}

/** Any field, or the fallback when absent. */
export function pubValue<T>(publication: Publication, key: string, fallback: T): unknown {
  return key in publication ? publication[key] : fallback;
}

/** True for a plain JSON object. */
export function isObject(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The publication without its `@service.field` magic fields (what outputs that send "the publication" send). */
export function withoutMagicFields(publication: Publication): Record<string, unknown> {
  return Object.fromEntries(Object.entries(publication).filter(([key]) => !key.startsWith('@')));
}

/** JSON with sorted keys, indented: how records are shown to people. */
export function sortedJson(value: unknown, indent = 2): string {
  return JSON.stringify(sortKeys(value), null, indent);
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (isObject(value)) return Object.fromEntries(Object.keys(value).sort().map((k) => [k, sortKeys(value[k])]));
  return value;
}
