/**
 * The test events `rule new` writes: raw data shaped by the log type's parser and configuration (a `json_path`
 * envelope, csv columns, key=value pairs, a syslog line, spaced fields), so the scaffold's own tests classify.
 * Values are the schema's defaults, `log_patterns` fields get a value their first pattern accepts, and one
 * string field (the one the scaffold's rule compares) tells the alerting record from the quiet one.
 */
import type { FieldType, LogSchema, SchemaSpec } from '../../runtime/config';
import { ENVELOPE_KEY } from '../../runtime/classifier';
import { defaultRecord } from './override-record';

/** A text that the fnmatch pattern accepts: `*` empty, `?` and `[seq]` one character of the set. */
export function globExample(pattern: string): string {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] as string;
    if (c === '*') continue;
    if (c === '?') out += 'a';
    else if (c === '[') {
      const end = pattern.indexOf(']', i + 2);
      if (end < 0) {
        out += c;
        continue;
      }
      const body = pattern.slice(i + 1, end);
      out += body.startsWith('!') ? (body.includes('a') ? 'b' : 'a') : (body[0] as string);
      i = end;
    } else out += c;
  }
  return out;
}

/** The value of a field of `type` for the text `text` (patterns are matched as text). */
function typed(type: FieldType, text: string): unknown {
  if (type === 'integer' || type === 'float') return Number(text);
  if (type === 'boolean') return text.toLowerCase() === 'true';
  return text;
}

/** Schema defaults with each `log_patterns` field set to a value its first pattern accepts (nested maps too). */
function patternedRecord(schema: SchemaSpec, patterns: Readonly<Record<string, unknown>> | undefined): Record<string, unknown> {
  const record = defaultRecord(schema);
  for (const [field, value] of Object.entries(patterns ?? {})) {
    if (field === ENVELOPE_KEY || !(field in schema)) continue;
    const type = schema[field] as FieldType;
    if (Array.isArray(value) && typeof value[0] === 'string') record[field] = typed(type, globExample(value[0]));
    else if (value !== null && typeof value === 'object' && !Array.isArray(value) && typeof type === 'object' && !Array.isArray(type)) {
      record[field] = patternedRecord(type as SchemaSpec, value as Record<string, unknown>);
    }
  }
  return record;
}

/** The field the scaffold's rule compares, with its alerting and quiet values. */
export interface MatchField {
  readonly field: string;
  readonly alert: string | number | boolean;
  readonly quiet: string | number | boolean;
}

const MATCH_VALUES: Readonly<Record<string, Omit<MatchField, 'field'>>> = {
  string: { alert: 'example-alert', quiet: 'example-quiet' },
  integer: { alert: 1, quiet: 0 },
  float: { alert: 1, quiet: 0 },
  boolean: { alert: true, quiet: false },
};

/** The field the scaffold's rule compares: a required string field without a pattern, else a number or boolean. */
export function matchField(log: LogSchema): MatchField | undefined {
  const optional = new Set(Object.keys(log.configuration.optional_top_level_keys ?? {}));
  const patterned = new Set(Object.keys(log.configuration.log_patterns ?? {}));
  // A syslog timestamp has a fixed format: compare another field.
  const usable = Object.entries(log.schema).filter(
    ([key, type]) => typeof type === 'string' && type in MATCH_VALUES && !patterned.has(key) && !(log.parser === 'syslog' && key === 'timestamp'),
  );
  const rank = ([key, type]: [string, FieldType]): number => (type === 'string' ? 0 : 2) + (optional.has(key) ? 1 : 0);
  const best = [...usable].sort((a, b) => rank(a) - rank(b))[0];
  return best === undefined ? undefined : { field: best[0], ...(MATCH_VALUES[best[1] as string] as Omit<MatchField, 'field'>) };
}

/** `json_path` segments this writer can build: `a.b[*]`, `[*]`, `detail`, `logEvents[*].message`. */
function wrapInPath(value: unknown, path: string): unknown | undefined {
  const segments = path.split('.');
  if (!segments.every((s) => /^([A-Za-z_][\w-]*)?(\[\*\])?$/.test(s) && s !== '')) return undefined;
  let out = value;
  for (const segment of segments.reverse()) {
    if (segment.endsWith('[*]')) out = [out];
    const name = segment.replace('[*]', '');
    if (name !== '') out = { [name]: out };
  }
  return out;
}

function quoteIfNeeded(text: string, delimiter: string, quote: string): string {
  return text.includes(delimiter) || text.includes(quote) || text === '' ? `${quote}${text.split(quote).join(quote + quote)}${quote}` : text;
}

const asText = (value: unknown): string => (typeof value === 'string' ? value : value === null ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value));

/** One raw event for `log`, or why it cannot be written (the fixture then holds the record for the user to shape). */
export function sampleData(log: LogSchema, overrides: Readonly<Record<string, unknown>>): { readonly data: unknown; readonly note?: string } {
  const conf = log.configuration;
  const record = { ...patternedRecord(log.schema, conf.log_patterns), ...overrides };
  const values = Object.values(record);
  switch (log.parser) {
    case 'json': {
      if (conf.json_regex_key !== undefined) return { data: record, note: `json_regex_key "${conf.json_regex_key}": put the record inside that field's text` };
      const inner = conf.embedded_json ? JSON.stringify(record) : record;
      const wrapped = conf.json_path === undefined ? inner : wrapInPath(inner, conf.json_path);
      if (wrapped === undefined) return { data: record, note: `json_path "${conf.json_path}": place the record where that path selects it` };
      if (conf.envelope_keys === undefined) return { data: wrapped };
      const envelope = patternedRecord(conf.envelope_keys, conf.log_patterns?.[ENVELOPE_KEY] as Record<string, unknown> | undefined);
      return Array.isArray(wrapped) ? { data: wrapped, note: 'envelope_keys around a top-level list: add them by hand' } : { data: { ...envelope, ...(wrapped as object) } };
    }
    case 'kv': {
      const delimiter = conf.delimiter ?? ' ';
      const separator = conf.separator ?? '=';
      return { data: Object.entries(record).map(([k, v]) => `${k}${separator}${asText(v)}`).join(delimiter) };
    }
    case 'csv': {
      const delimiter = conf.delimiter ?? ',';
      return { data: values.map((v) => quoteIfNeeded(asText(v), delimiter, conf.quotechar ?? '"')).join(delimiter) };
    }
    case 'spaced': {
      const delimiter = conf.delimiter ?? ' ';
      return { data: values.map((v) => (v === '' || v === null ? '-' : quoteIfNeeded(asText(v), delimiter, '"'))).join(delimiter) };
    }
    case 'syslog': {
      const text = (key: string, fallback: string): string => {
        const v = record[key];
        return typeof v === 'string' && v !== '' ? v : fallback;
      };
      return { data: `${text('timestamp', 'Jan  1 00:00:00')} ${text('host', 'host')} ${text('application', 'app')}: ${text('message', 'message')}` };
    }
    default:
      return { data: record };
  }
}
