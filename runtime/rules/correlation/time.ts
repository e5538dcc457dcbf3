/** Event times and time spans of correlations. */
import { getPath } from '../helpers/lookup';

/** The field holding the event time of log types that have one (dotted paths). */
export const KNOWN_TIME_FIELDS: Readonly<Record<string, string>> = {
  'cloudtrail:events': 'eventTime',
  'cloudtrail:cloudwatch_logs': 'eventTime',
  'cloudwatch:cloudtrail': 'eventTime',
  'cloudwatch:events': 'time',
  'okta:logevents': 'published',
  'github:audit': '@timestamp',
  'onelogin:events': 'created_at',
  'duo:authentication': 'timestamp',
  'duo:authentication_v2': 'timestamp',
  'duo:administrator': 'timestamp',
  'gsuite:reports': 'id.time',
  'slack:audit': 'date_create',
};

/** Epoch milliseconds of a time value: ISO 8601 text, or epoch seconds or milliseconds; undefined otherwise. */
export function epochMillis(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value > 1e11 ? value : value * 1000;
  if (typeof value === 'string' && value !== '') {
    if (/^\d+(\.\d+)?$/.test(value)) return epochMillis(Number(value));
    const parsed = Date.parse(value);
    return Number.isNaN(parsed) ? undefined : parsed;
  }
  return undefined;
}

/** The event time of a record: `field` (or the log type's known one) when it holds a time, else `fallback`. */
export function eventTime(record: Readonly<Record<string, unknown>>, logType: string, field: string | undefined, fallback: number): number {
  const path = field ?? KNOWN_TIME_FIELDS[logType];
  if (path === undefined) return fallback;
  return epochMillis(getPath(record, path, undefined)) ?? fallback;
}

const UNITS: Readonly<Record<string, number>> = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** Milliseconds of a span: a number of seconds, or '30s', '5m', '1h', '1d' (Sigma's timespan); undefined when invalid. */
export function spanMillis(span: string | number): number | undefined {
  if (typeof span === 'number') return Number.isFinite(span) && span > 0 ? span * 1000 : undefined;
  const m = /^(\d+)\s*([smhd])$/.exec(span.trim());
  if (!m) return undefined;
  const ms = Number(m[1]) * (UNITS[m[2] as string] as number);
  return ms > 0 ? ms : undefined;
}
