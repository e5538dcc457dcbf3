/**
 * `log_patterns`: field -> fnmatch-style patterns (`*`, `?`, `[seq]`, `[!seq]`); a record matches when every
 * listed field matches at least one of its patterns. A map of patterns applies to a nested map; the key
 * `streamalert:envelope_keys` applies to the envelope. Values are compared as text, case-sensitively
 * (Python's fnmatch on Linux).
 */
import { ConfigError } from '../errors';
import { compileGlob, type Glob } from './glob';
import { describeKind, Miss, MISS, quote } from './miss';
import { hasOwn, isPlainObject, pythonStr } from './values';

/** The record key holding the envelope (StreamAlert's name). */
export const ENVELOPE_KEY = 'streamalert:envelope_keys';

/** One compiled `log_patterns` entry. */
interface PatternNode {
  readonly field: string;
  readonly patterns: readonly string[];
  readonly globs: readonly Glob[];
  readonly nested?: readonly PatternNode[];
}

/** Compiled `log_patterns` of a log type. */
export type LogPatterns = readonly PatternNode[];

/**
 * Translates one fnmatch pattern into an anchored regular expression (Python's `fnmatch.translate`).
 * Kept for callers that need a RegExp; matching uses the linear-time {@link compileGlob} instead, since this
 * expression backtracks (quadratic or worse on a value built to almost match).
 */
export function fnmatchToRegExp(pattern: string): RegExp {
  let out = '';
  let i = 0;
  while (i < pattern.length) {
    const c = pattern[i++];
    if (c === '*') out += '.*';
    else if (c === '?') out += '.';
    else if (c === '[') {
      let j = i;
      if (pattern[j] === '!') j++;
      if (pattern[j] === ']') j++;
      while (j < pattern.length && pattern[j] !== ']') j++;
      if (j >= pattern.length) {
        out += '\\[';
      } else {
        let body = pattern.slice(i, j).replace(/\\/g, '\\\\');
        i = j + 1;
        if (body.startsWith('!')) body = `^${body.slice(1)}`;
        else if (body.startsWith('^')) body = `\\${body}`;
        out += `[${body}]`;
      }
    } else out += c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  return new RegExp(`^(?:${out})$`, 's');
}

/** Compiles `log_patterns`; `origin` names the file and pointer for configuration errors. */
export function compileLogPatterns(
  raw: Readonly<Record<string, unknown>> | undefined,
  origin: { readonly file: string; readonly pointer: string },
): LogPatterns {
  if (!raw) return [];
  return Object.entries(raw).map(([field, value]): PatternNode => {
    if (isPlainObject(value)) {
      return { field, patterns: [], globs: [], nested: compileLogPatterns(value, { ...origin, pointer: `${origin.pointer}/${field}` }) };
    }
    const patterns = typeof value === 'string' ? [value] : value;
    if (!Array.isArray(patterns) || !patterns.every((p) => typeof p === 'string')) {
      throw new ConfigError([
        { ...origin, pointer: `${origin.pointer}/${field}`, message: 'must be a pattern or a list of patterns', value },
      ]);
    }
    return { field, patterns, globs: patterns.map(compileGlob) };
  });
}

/** Checks the patterns against a (typed) record; `envelope` serves the `streamalert:envelope_keys` entry. */
export function matchLogPatterns(
  nodes: LogPatterns,
  record: Readonly<Record<string, unknown>>,
  envelope: Readonly<Record<string, unknown>> | undefined,
  explain: boolean,
  path = '',
): Miss | undefined {
  for (const node of nodes) {
    const where = path ? `${path}.${node.field}` : node.field;
    const value = node.field === ENVELOPE_KEY && node.nested && envelope ? envelope : hasOwn(record, node.field) ? record[node.field] : undefined;
    if (value === undefined) return explain ? new Miss(`log_patterns: field "${where}" is not in the record`) : MISS;
    if (node.nested) {
      if (!isPlainObject(value)) return explain ? new Miss(`log_patterns: field "${where}" is ${describeKind(value)}, not a map`) : MISS;
      const nested = matchLogPatterns(node.nested, value, undefined, explain, where);
      if (nested) return nested;
      continue;
    }
    const text = pythonStr(value);
    if (!node.globs.some((glob) => glob.test(text))) {
      return explain
        ? new Miss(`log_patterns: field "${where}" value ${quote(value)} matches none of ${JSON.stringify(node.patterns)}`)
        : MISS;
    }
  }
  return undefined;
}
