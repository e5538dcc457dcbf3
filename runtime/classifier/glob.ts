/**
 * fnmatch-style glob matching (`*`, `?`, `[seq]`, `[!seq]`, Python's `fnmatch` rules) in time linear in the
 * value for a given pattern: at most (value length + 1) x (pattern length + 1) steps, whatever the input.
 * A regular expression translated from a glob (`^.*error.*timeout.*$`) backtracks instead: a value built to
 * almost match makes it quadratic or worse, and one record can outlast the function's timeout.
 */

/** One token of a compiled glob. */
type Token =
  | { readonly kind: 'star' }
  | { readonly kind: 'any' }
  | { readonly kind: 'char'; readonly code: number }
  | { readonly kind: 'set'; readonly negate: boolean; readonly ranges: readonly (readonly [number, number])[] };

/** A compiled glob. */
export interface Glob {
  readonly pattern: string;
  /** True when the whole `text` matches; `steps` (when given) counts the comparisons made. */
  test(text: string, steps?: { count: number }): boolean;
}

/** Parses the body of a `[...]` set into code-unit ranges (`a-z`, single characters). */
function parseSet(body: string): (readonly [number, number])[] {
  const ranges: (readonly [number, number])[] = [];
  let i = 0;
  while (i < body.length) {
    const lo = body.charCodeAt(i);
    if (i + 2 < body.length && body[i + 1] === '-') {
      const hi = body.charCodeAt(i + 2);
      // Python drops a reversed range such as z-a: it matches nothing.
      if (lo <= hi) ranges.push([lo, hi]);
      i += 3;
    } else {
      ranges.push([lo, lo]);
      i += 1;
    }
  }
  return ranges;
}

function tokenize(pattern: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < pattern.length) {
    const c = pattern[i++];
    if (c === '*') {
      // Consecutive stars are one star.
      if (tokens[tokens.length - 1]?.kind !== 'star') tokens.push({ kind: 'star' });
    } else if (c === '?') {
      tokens.push({ kind: 'any' });
    } else if (c === '[') {
      let j = i;
      if (pattern[j] === '!') j++;
      if (pattern[j] === ']') j++;
      while (j < pattern.length && pattern[j] !== ']') j++;
      if (j >= pattern.length) {
        tokens.push({ kind: 'char', code: 0x5b });
      } else {
        let body = pattern.slice(i, j);
        i = j + 1;
        const negate = body.startsWith('!');
        if (negate) body = body.slice(1);
        tokens.push({ kind: 'set', negate, ranges: parseSet(body) });
      }
    } else {
      tokens.push({ kind: 'char', code: c.charCodeAt(0) });
    }
  }
  return tokens;
}

function matchesOne(token: Token, code: number): boolean {
  switch (token.kind) {
    case 'any':
      return true;
    case 'char':
      return token.code === code;
    case 'set': {
      let inSet = false;
      for (const [lo, hi] of token.ranges) {
        if (code >= lo && code <= hi) {
          inSet = true;
          break;
        }
      }
      return inSet !== token.negate;
    }
    default:
      return false;
  }
}

/**
 * Compiles a glob. Matching backtracks only to the last `*` seen (one star can always absorb what an
 * earlier one would have), so no input makes it explore more than one position per star and character.
 */
export function compileGlob(pattern: string): Glob {
  const tokens = tokenize(pattern);
  return {
    pattern,
    test(text, steps) {
      let t = 0;
      let p = 0;
      let star = -1;
      let resume = 0;
      let count = 0;
      while (t < text.length) {
        count++;
        const token = tokens[p];
        if (token !== undefined && token.kind === 'star') {
          star = p++;
          resume = t;
        } else if (token !== undefined && matchesOne(token, text.charCodeAt(t))) {
          p++;
          t++;
        } else if (star !== -1) {
          p = star + 1;
          t = ++resume;
        } else {
          if (steps) steps.count += count;
          return false;
        }
      }
      while (tokens[p]?.kind === 'star') p++;
      if (steps) steps.count += count;
      return p === tokens.length;
    },
  };
}
