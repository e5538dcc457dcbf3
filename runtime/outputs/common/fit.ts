/**
 * Fitting an alert to a vendor's size limit. An alert is never dropped for its size: the record part is
 * shortened, and a visible marker says so, with a pointer to the alert id and to where the full record is kept.
 * Vendors answer an oversized request with a 4xx, which would otherwise be a permanent failure (no page).
 */
import type { Alert } from '../../rules/types';
import type { OutputContext } from '../types';
import { sortedJson } from './publication';

/** Documented limits this project fits to (units in the name). */
export const VENDOR_LIMITS = {
  /** PagerDuty Events API v1 and v2: "the maximum size of an event is 512 KB". */
  pagerdutyEventBytes: 512 * 1024,
  /** Microsoft Teams incoming webhooks: a message of about 28 KB at most. */
  teamsCardBytes: 28 * 1024,
  /** Jira: a text field holds 32,767 characters. */
  jiraFieldChars: 32_767,
  /** GitHub: an issue body holds 65,536 characters. */
  githubBodyChars: 65_536,
  /** Opsgenie: an alert description holds 15,000 characters. */
  opsgenieDescriptionChars: 15_000,
} as const;

/** How a length is counted. */
export type Unit = 'chars' | 'bytes';

const measure = (text: string, unit: Unit): number => (unit === 'bytes' ? Buffer.byteLength(text, 'utf8') : text.length);

/** Where the full record of `alert` can be found, for people reading a shortened alert. */
export function recordPointer(alert: Pick<Alert, 'alert_id'>, context: Pick<OutputContext, 'recordPointer'>): string {
  return context.recordPointer ?? `alert ${alert.alert_id}`;
}

/** The marker put at the end of a shortened text. */
export function truncationMarker(pointer: string, shown: number, total: number, unit: Unit): string {
  return `\n... [truncated by StreamAlert: ${shown} of ${total} ${unit === 'bytes' ? 'bytes' : 'characters'} shown; ${pointer}]`;
}

/** The longest prefix of `text` of at most `max` units, cut at a code point boundary. */
function prefixWithin(text: string, max: number, unit: Unit): string {
  if (max <= 0) return '';
  if (unit === 'chars') {
    const cut = text.slice(0, max);
    // Never leave half of a surrogate pair.
    return /[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut;
  }
  const buf = Buffer.from(text, 'utf8');
  if (buf.length <= max) return text;
  let end = max;
  while (end > 0 && (buf[end] & 0xc0) === 0x80) end -= 1;
  return buf.subarray(0, end).toString('utf8');
}

/**
 * `text` when it fits in `max` units, else its beginning followed by a {@link truncationMarker}; the result
 * is never longer than `max` (when even the marker does not fit, the marker alone, cut).
 */
export function fitText(text: string, max: number, pointer: string, unit: Unit = 'chars'): string {
  const total = measure(text, unit);
  if (total <= max) return text;
  // The marker's own length depends on the number shown: reserve for the widest number.
  const reserve = measure(truncationMarker(pointer, total, total, unit), unit);
  const head = prefixWithin(text, max - reserve, unit);
  const marked = `${head}${truncationMarker(pointer, measure(head, unit), total, unit)}`;
  return measure(marked, unit) <= max ? marked : prefixWithin(marked.slice(head.length + 1), max, unit);
}

/** Bytes of a value once sent as JSON. */
export function jsonBytes(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value) ?? '', 'utf8');
}

/**
 * Builds a JSON payload within `maxBytes`. `build(part)` makes the payload around its record part; when the
 * payload with the full `part` is too large, the part is replaced by its sorted JSON text, shortened with a
 * marker, so everything else (summary, routing, severity) is kept. Escaping inflates a text once it is inside
 * JSON, so the cut is measured on the built payload and tightened until it fits.
 */
export function fitJsonPayload<T>(build: (part: unknown) => T, part: unknown, maxBytes: number, pointer: string): T {
  const full = build(part);
  if (jsonBytes(full) <= maxBytes) return full;
  const text = typeof part === 'string' ? part : sortedJson(part);
  const overhead = jsonBytes(build(''));
  let budget = maxBytes - overhead;
  for (let round = 0; round < 8 && budget > 0; round += 1) {
    const candidate = build(fitText(text, budget, pointer, 'bytes'));
    const size = jsonBytes(candidate);
    if (size <= maxBytes) return candidate;
    budget -= size - maxBytes + 16;
  }
  return build(fitText(text, 0, pointer, 'bytes') || truncationMarker(pointer, 0, measure(text, 'bytes'), 'bytes').trim());
}
