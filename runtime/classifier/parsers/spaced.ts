/**
 * The `spaced` parser: one record per line of space-separated fields (access logs, flow logs), read by
 * spaced-reader.ts (`"quoted"` and `[bracketed]` fields, `-` as null). Columns map to the schema's keys in
 * order. `delimiter` (default ' ') may be a tab (CloudFront). A row naming the schema's keys (with `-` or `_`
 * between words, as the VPC Flow Logs header row does) and a W3C directive line (`#Version:`, `#Fields:`) are
 * headers: recognised and skipped. Missing trailing columns are accepted when their keys are optional (vendors
 * append fields over time); with `extra_keys: "keep"`, columns beyond the schema are kept as a list under
 * `streamalert:extra_columns`.
 */
import type { LogSchema } from '../../config/types';
import { isMiss, miss, Miss, MISS } from '../miss';
import type { CompiledSpec } from '../spec';
import { checkRecord, collect, compileChecker, type ParseFn } from './parser';
import { readSpaced, type SpacedField } from './spaced-reader';

/** Key under which `extra_keys: "keep"` keeps the columns beyond the schema's. */
export const EXTRA_COLUMNS_KEY = 'streamalert:extra_columns';

const normalizeName = (name: string | null) => (name ?? '').replace(/-/g, '_').toLowerCase();

/** W3C extended log file directives, as CloudFront writes them at the top of each file. */
const DIRECTIVE = /^#(?:Version|Fields|Software|Date|Remark|Start-Date|End-Date):/;

function isHeader(row: readonly SpacedField[], keys: readonly string[]): boolean {
  if (row.length > 0 && typeof row[0] === 'string' && DIRECTIVE.test(row[0])) return true;
  if (row.length !== keys.length) return false;
  for (let i = 0; i < keys.length; i++) if (normalizeName(row[i]) !== keys[i]) return false;
  return true;
}

function rowToMap(row: readonly SpacedField[], spec: CompiledSpec, explain: boolean): Record<string, unknown> | Miss {
  const fields = spec.fields;
  if (row.length > fields.length && !spec.keepExtra) {
    return explain ? new Miss(`row has ${row.length} columns, the schema has ${fields.length} (extra_keys "keep" would keep the rest)`) : MISS;
  }
  const out: Record<string, unknown> = {};
  for (let i = 0; i < fields.length; i++) {
    if (i < row.length) out[fields[i].key] = row[i];
    else if (!fields[i].optional) {
      return explain ? new Miss(`row has ${row.length} columns, the schema needs at least ${i + 1} (column "${fields[i].key}" is not optional)`) : MISS;
    }
  }
  if (row.length > fields.length) out[EXTRA_COLUMNS_KEY] = row.slice(fields.length);
  return out;
}

/** Compiles the spaced parser of `log`. */
export function compileSpacedParser(log: LogSchema): ParseFn {
  const checker = compileChecker(log);
  const delimiter = log.configuration.delimiter ?? ' ';
  const memoKey = `spaced\u0000${delimiter}`;
  const keys = checker.spec.fields.map((f) => normalizeName(f.key));
  const minDelimiters = checker.spec.requiredKeys.length - 1;
  const mayHoldRow = (text: string) => {
    const first = text[0];
    if (first === '{' || first === '[') return false;
    let at = -1;
    for (let n = 0; n < minDelimiters; n++) {
      at = text.indexOf(delimiter, at + 1);
      if (at === -1) return DIRECTIVE.test(text);
    }
    return true;
  };

  return (ctx, explain) => {
    const text = ctx.text();
    if (!text.ok) return miss(explain, () => `the spaced parser needs text: ${text.reason}`);
    if (!explain && !mayHoldRow(text.value)) return MISS;
    const rows = ctx.memo(memoKey, () => readSpaced(text.value, delimiter));
    let headers = 0;
    const data: SpacedField[][] = [];
    for (const row of rows) {
      if (isHeader(row, keys)) headers++;
      else data.push(row);
    }
    return collect(
      data,
      (row, explainRow) => {
        const map = rowToMap(row, checker.spec, explainRow);
        return isMiss(map) ? map : checkRecord(checker, map, undefined, explainRow);
      },
      explain,
      headers,
    );
  };
}
