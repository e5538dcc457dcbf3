/**
 * The `csv` parser: each row of the text is a record whose columns are the schema's keys, in order.
 * `delimiter` (default ','), `quotechar` (default '"') and `escapechar` (default none) are single characters.
 * A column typed as a non-empty map holds a nested CSV row for that map. A row whose fields equal the schema's
 * keys is a header: recognised and skipped (the payload then matches with no records).
 * With `json_path`, the CSV text is read from the selected values of a JSON record.
 */
import type { LogSchema } from '../../config/types';
import { compileJsonPath } from '../json-path';
import { describeKind, isMiss, miss, Miss, MISS } from '../miss';
import type { RecordContext } from '../record-context';
import type { CompiledSpec } from '../spec';
import type { Result } from '../types';
import { isFalsy } from '../values';
import { readCsv, type CsvDialect } from './csv-reader';
import { checkRecord, collect, compileChecker, extractEnvelope, type ParseFn } from './parser';

function rowToMap(row: readonly string[], spec: CompiledSpec, dialect: CsvDialect, explain: boolean, path: string): Record<string, unknown> | Miss {
  if (row.length !== spec.fields.length) {
    return explain ? new Miss(`${path ? `nested CSV "${path}"` : 'row'} has ${row.length} columns, the schema has ${spec.fields.length}`) : MISS;
  }
  const out: Record<string, unknown> = {};
  for (let i = 0; i < row.length; i++) {
    const field = spec.fields[i];
    if (field.nested) {
      const where = path ? `${path}.${field.key}` : field.key;
      const nestedRows = readCsv(row[i], dialect);
      if (nestedRows.length === 0) return miss(explain, () => `nested CSV "${where}" is empty`);
      const nested = rowToMap(nestedRows[0], field.nested, dialect, explain, where);
      if (isMiss(nested)) return nested;
      out[field.key] = nested;
    } else out[field.key] = row[i];
  }
  return out;
}

function isHeader(row: readonly string[], keys: readonly string[]): boolean {
  if (row.length !== keys.length) return false;
  for (let i = 0; i < keys.length; i++) if (row[i] !== keys[i]) return false;
  return true;
}

/** Compiles the csv parser of `log`. */
export function compileCsvParser(log: LogSchema): ParseFn {
  const checker = compileChecker(log);
  const conf = log.configuration;
  const dialect: CsvDialect = { delimiter: conf.delimiter ?? ',', quotechar: conf.quotechar ?? '"', escapechar: conf.escapechar };
  const memoKey = `csv\u0000${dialect.delimiter}\u0000${dialect.quotechar}\u0000${dialect.escapechar ?? ''}`;
  const keys = checker.spec.fields.map((f) => f.key);
  const path = conf.json_path ? compileJsonPath(conf.json_path, { file: log.file, pointer: `/${log.name}/configuration/json_path` }) : undefined;

  const texts = (ctx: RecordContext): Result<{ texts: readonly string[]; data?: unknown }> => {
    if (!path) {
      const text = ctx.text();
      return text.ok ? { ok: true, value: { texts: [text.value] } } : { ok: false, reason: `the csv parser needs text: ${text.reason}` };
    }
    const json = ctx.json();
    if (!json.ok) return json;
    const selected = path(json.value);
    if (isFalsy(selected)) return { ok: false, reason: `json_path ${JSON.stringify(conf.json_path)} selected nothing` };
    const values = Array.isArray(selected) ? selected : [selected];
    const bad = values.find((v) => typeof v !== 'string');
    if (bad !== undefined) return { ok: false, reason: `json_path selected ${describeKind(bad)}, not CSV text` };
    return { ok: true, value: { texts: values as string[], data: json.value } };
  };

  const minDelimiters = keys.length - 1;
  /** True when `text` has enough delimiters for one row of the schema (quotes only hide delimiters). */
  const mayHoldRow = (text: string) => {
    let at = -1;
    for (let n = 0; n < minDelimiters; n++) {
      at = text.indexOf(dialect.delimiter, at + 1);
      if (at === -1) return false;
    }
    return true;
  };

  return (ctx, explain) => {
    if (!path && !explain) {
      // Fast rejection of text that cannot hold a row (JSON lines tried against CSV schemas, for instance).
      const text = ctx.text();
      if (text.ok && !mayHoldRow(text.value)) return MISS;
    }
    const found = texts(ctx);
    if (!found.ok) return miss(explain, () => found.reason);
    // Without json_path there is no JSON around the text to take envelope keys from: the envelope check fails.
    const envelope = extractEnvelope(checker, path ? found.value.data : found.value.texts[0], explain);
    if (isMiss(envelope)) return envelope;
    const rows = path
      ? found.value.texts.flatMap((t) => readCsv(t, dialect))
      : ctx.memo(memoKey, () => readCsv(found.value.texts[0], dialect));
    let headers = 0;
    const data: string[][] = [];
    for (const row of rows) {
      if (isHeader(row, keys)) headers++;
      else data.push(row);
    }
    return collect(
      data,
      (row, explainRow) => {
        const map = rowToMap(row, checker.spec, dialect, explainRow, '');
        return isMiss(map) ? map : checkRecord(checker, map, envelope, explainRow);
      },
      explain,
      headers,
    );
  };
}
