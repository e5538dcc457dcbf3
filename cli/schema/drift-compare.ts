/**
 * How an unclassified JSON record differs from a candidate schema: the records a schema would look at (its
 * `json_path`, embedded JSON), which candidate fits best (most declared keys present, fewest others), and the
 * keys it adds, lacks or types differently. Pure functions: no I/O.
 */
import { coerceValue, type FieldKind } from '../../runtime/classifier/coerce';
import { compileJsonPath } from '../../runtime/classifier/json-path';
import { isMiss } from '../../runtime/classifier/miss';
import { isPlainObject } from '../../runtime/classifier/values';
import type { FieldType, LogSchema } from '../../runtime/config';

/** A candidate schema prepared for comparison. */
export interface Candidate {
  readonly log: LogSchema;
  readonly select: (value: unknown) => Record<string, unknown>[];
  readonly optional: ReadonlySet<string>;
}

/** The differences of one record from one schema. */
export interface RecordDrift {
  readonly added: readonly [string, unknown][];
  readonly missing: readonly string[];
  readonly retyped: readonly [string, unknown][];
}

function parseEmbedded(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    return undefined;
  }
}

/** Prepares a JSON log type for comparison; undefined for text parsers (csv, kv, syslog, spaced). */
export function candidateOf(log: LogSchema): Candidate | undefined {
  if (log.parser !== 'json') return undefined;
  const conf = log.configuration;
  let path: ((data: unknown) => unknown) | undefined;
  try {
    path = conf.json_path ? compileJsonPath(conf.json_path, { file: log.file, pointer: `/${log.name}/configuration/json_path` }) : undefined;
  } catch {
    return undefined;
  }
  const select = (value: unknown): Record<string, unknown>[] => {
    let selected: unknown = value;
    if (path) {
      try {
        selected = path(value);
      } catch {
        selected = undefined;
      }
      // A dead letter may hold one rejected sub-record (its own JSON) rather than the whole payload.
      if (selected === undefined || selected === null) selected = value;
    }
    const list = Array.isArray(selected) && path ? selected : [selected];
    return list.map((v) => (conf.embedded_json ? parseEmbedded(v) : v)).filter(isPlainObject);
  };
  return { log, select, optional: new Set(Object.keys(conf.optional_top_level_keys ?? {})) };
}

/** Share of keys in common (declared and present over declared or present): 0 when none is shared. */
export function fitScore(record: Record<string, unknown>, candidate: Candidate): number {
  const declared = Object.keys(candidate.log.schema);
  const present = Object.keys(record);
  const shared = present.filter((k) => k in candidate.log.schema).length;
  return shared === 0 ? 0 : shared / (declared.length + present.length - shared);
}

function kindOf(type: FieldType): FieldKind {
  if (Array.isArray(type)) return 'list';
  if (typeof type === 'object') return Object.keys(type).length === 0 ? 'anymap' : 'map';
  return type as FieldKind;
}

/** True when the classifier would accept `value` for a field of `type` (nested maps: any JSON object). */
export function fitsType(value: unknown, type: FieldType): boolean {
  const kind = kindOf(type);
  if (kind === 'map') return isPlainObject(value) || value === null;
  return !isMiss(coerceValue(kind, value, false, ''));
}

/** Compares one record with one schema. */
export function compareRecord(record: Record<string, unknown>, candidate: Candidate): RecordDrift {
  const schema = candidate.log.schema;
  const added: [string, unknown][] = [];
  const retyped: [string, unknown][] = [];
  for (const [key, value] of Object.entries(record)) {
    if (!(key in schema)) added.push([key, value]);
    else if (!fitsType(value, schema[key])) retyped.push([key, value]);
  }
  const missing = Object.keys(schema).filter((key) => !candidate.optional.has(key) && !(key in record));
  return { added, missing, retyped };
}

/** The candidate the records fit best, with its records; undefined when none shares a key with them. */
export function bestCandidate(value: unknown, candidates: readonly Candidate[]): { candidate: Candidate; records: Record<string, unknown>[] } | undefined {
  let best: { candidate: Candidate; records: Record<string, unknown>[]; score: number } | undefined;
  for (const candidate of candidates) {
    const records = candidate.select(value);
    if (records.length === 0) continue;
    const score = records.reduce((sum, r) => sum + fitScore(r, candidate), 0) / records.length;
    if (score > 0 && (!best || score > best.score)) best = { candidate, records, score };
  }
  return best && { candidate: best.candidate, records: best.records };
}
