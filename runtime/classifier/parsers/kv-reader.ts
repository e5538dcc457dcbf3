/**
 * Key/value text (`key=value key2="a b" key3=x=y`) split into pairs, in linear time.
 *
 * A pair is a key (no delimiter, no separator), the separator, then a value. A value in double or single
 * quotes ends at its closing quote (quotes removed, `\"` unescaped). An unquoted value runs up to the next
 * delimiter that is followed by another `key<separator>`, so values containing the delimiter or the separator
 * parse when unambiguous: `msg=disk full path=/a=b` gives msg "disk full" and path "/a=b". Runs of the
 * delimiter count as one.
 */
import type { Result } from '../types';

/** One pair, in text order. */
export interface KvPair {
  readonly key: string;
  readonly value: string;
}

/** Splits `text`; a failure says where the text stops looking like key/value pairs. */
export function readKv(text: string, delimiter: string, separator: string): Result<KvPair[]> {
  const pairs: KvPair[] = [];
  const n = text.length;
  const dl = delimiter.length;
  const sl = separator.length;
  let nextSep = -2;
  let nextDelim = -2;
  const sepFrom = (from: number) => {
    if (nextSep !== -1 && nextSep < from) nextSep = text.indexOf(separator, from);
    return nextSep;
  };
  const delimFrom = (from: number) => {
    if (nextDelim !== -1 && nextDelim < from) nextDelim = text.indexOf(delimiter, from);
    return nextDelim;
  };
  const skipDelims = (from: number) => {
    let p = from;
    while (text.startsWith(delimiter, p)) p += dl;
    return p;
  };
  /** True when a `key<separator>` starts at `p` (no delimiter before the separator, key not empty). */
  const keyAt = (p: number) => {
    const s = sepFrom(p);
    if (s <= p) return false;
    const d = delimFrom(p);
    return d === -1 || d > s;
  };

  let pos = skipDelims(0);
  while (pos < n) {
    if (!keyAt(pos)) {
      return { ok: false, reason: `expected key${separator}value at offset ${pos}, got ${JSON.stringify(text.slice(pos, pos + 30))}` };
    }
    const sep = sepFrom(pos);
    const key = text.slice(pos, sep);
    let p = sep + sl;
    const quote = text[p];
    let value: string | undefined;
    if (quote === '"' || quote === "'") {
      let q = p + 1;
      let escaped = false;
      while (q < n && text[q] !== quote) {
        if (text[q] === '\\') {
          escaped = true;
          q++;
        }
        q++;
      }
      const after = q + 1;
      if (q < n && (after === n || text.startsWith(delimiter, after))) {
        const inner = text.slice(p + 1, q);
        value = escaped ? inner.replace(/\\(.)/gs, '$1') : inner;
        p = after;
      }
    }
    if (value === undefined) {
      // Unquoted (or a quote that does not close before a delimiter): up to the next `<delims>key<sep>`.
      let end = n;
      let d = delimFrom(p);
      while (d !== -1) {
        const next = skipDelims(d);
        if (next >= n) {
          end = d;
          break;
        }
        if (keyAt(next)) {
          end = d;
          break;
        }
        d = delimFrom(next);
      }
      value = text.slice(p, end);
      p = end;
    }
    pairs.push({ key, value });
    pos = skipDelims(p);
  }
  return { ok: true, value: pairs };
}
