/**
 * JSON parsing that keeps integers exact. `JSON.parse` turns an integer past 2^53 into the nearest double
 * (`9007199254740993` becomes `...992`): a silent change of a record's value. Here an integer literal outside
 * the safe range is kept as a string holding its exact digits; every other value parses as usual. The slow
 * path only runs when the text holds a run of 16 or more digits.
 */

const LONG_DIGITS = /\d{16}/;

/**
 * Parses JSON text like `JSON.parse`, except that integer literals outside
 * `Number.MIN_SAFE_INTEGER..Number.MAX_SAFE_INTEGER` become strings of their exact digits.
 * @throws SyntaxError as `JSON.parse` does.
 */
export function parseJsonExact(text: string): unknown {
  const value: unknown = JSON.parse(text);
  if (!LONG_DIGITS.test(text)) return value;
  const quoted = quoteUnsafeIntegers(text);
  return quoted === text ? value : (JSON.parse(quoted) as unknown);
}

/** The text with each unsafe integer literal (outside strings) wrapped in quotes. */
export function quoteUnsafeIntegers(text: string): string {
  let out: string[] | undefined;
  let last = 0;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      // Skip a string literal.
      i++;
      while (i < n) {
        const s = text.charCodeAt(i);
        if (s === 0x5c) i += 2;
        else if (s === 0x22) break;
        else i++;
      }
      i++;
      continue;
    }
    if (c === 0x2d || (c >= 0x30 && c <= 0x39)) {
      const start = i;
      i++;
      while (i < n && isNumberChar(text.charCodeAt(i))) i++;
      const literal = text.slice(start, i);
      if (/^-?\d{16,}$/.test(literal) && !Number.isSafeInteger(Number(literal))) {
        (out ??= []).push(text.slice(last, start), `"${literal}"`);
        last = i;
      }
      continue;
    }
    i++;
  }
  if (out === undefined) return text;
  out.push(text.slice(last));
  return out.join('');
}

function isNumberChar(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || c === 0x2e || c === 0x65 || c === 0x45 || c === 0x2b || c === 0x2d;
}
