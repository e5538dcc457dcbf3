/**
 * Turning feed entries into IOC table items: value, type, sub type, source and expiry (epoch seconds; the
 * feed's when it gives one, else now + `expiry_days`). An entry without a value or a type is rejected
 * with the reason, so the caller counts it.
 */
import type { Ioc } from '../types';
import { isLookupKey, MAX_KEY_BYTES } from '../enrich';

/** An entry as a feed gives it (ThreatStream's or a plain feed's field names). */
export type FeedEntry = Readonly<Record<string, unknown>>;

/** Defaults applied to every entry of one source. */
export interface IndicatorDefaults {
  readonly source: string;
  readonly iocType?: string;
  readonly subType?: string;
  readonly expirySeconds: number;
  readonly nowSeconds: number;
}

/** An item for the table, or why the entry was skipped. */
export type IndicatorResult = { readonly ok: true; readonly ioc: Required<Ioc> } | { readonly ok: false; readonly reason: string };

const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value.trim() : typeof value === 'number' ? String(value) : undefined);

/** Epoch seconds of an expiry given as ISO 8601 text or epoch seconds/milliseconds; undefined when absent or unreadable. */
export function expiryOf(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return Math.floor(value > 1e12 ? value / 1000 : value);
  const raw = text(value);
  if (raw === undefined) return undefined;
  if (/^\d+$/.test(raw)) return expiryOf(Number(raw));
  const ms = Date.parse(raw);
  return Number.isNaN(ms) ? undefined : Math.floor(ms / 1000);
}

/** Converts one entry (fields value|ioc_value|indicator, type|ioc_type, itype|sub_type, source, expiration_ts|expires). */
export function toIndicator(entry: FeedEntry, defaults: IndicatorDefaults): IndicatorResult {
  const value = text(entry.value) ?? text(entry.ioc_value) ?? text(entry.indicator);
  if (value === undefined) return { ok: false, reason: 'no value (value, ioc_value or indicator)' };
  // One value over the IOC table's key limit would fail its whole write batch (and so the feed).
  if (!isLookupKey(value)) return { ok: false, reason: `value of ${Buffer.byteLength(value, 'utf8')} bytes is over the ${MAX_KEY_BYTES}-byte key limit of the IOC table: "${value.slice(0, 60)}..."` };
  const type = text(entry.type) ?? text(entry.ioc_type) ?? defaults.iocType;
  if (type === undefined) return { ok: false, reason: `no type for "${value}" (type or ioc_type, or the feed's ioc_type)` };
  const given = entry.expiration_ts ?? entry.expires;
  const expiry = expiryOf(given);
  if (given !== undefined && given !== null && given !== '' && expiry === undefined) return { ok: false, reason: `unreadable expiry ${JSON.stringify(given)} for "${value}"` };
  return {
    ok: true,
    ioc: {
      ioc_value: value,
      ioc_type: type.toLowerCase(),
      sub_type: text(entry.itype) ?? text(entry.sub_type) ?? defaults.subType ?? type.toLowerCase(),
      source: text(entry.source) ?? defaults.source,
      expiration_ts: expiry ?? defaults.nowSeconds + defaults.expirySeconds,
    },
  };
}
