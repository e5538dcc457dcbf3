/**
 * JSON parsing that keeps integers exact. `JSON.parse` turns an integer past 2^53 into the nearest double
 * (`9007199254740993` becomes `...992`): a silent change of a record's value. Here an integer literal outside
 * the safe range is kept as a string holding its exact digits; every other value parses as usual. The slow
 * path only runs when the text holds a run of 16 or more digits where a number can start.
 */

// An integer literal outside a string starts the text or follows `:`, `,` or `[` (and white space): looking only
// there skips the digit runs inside strings (ids, hashes), which made one JSON record in seven take the slow path.
const LONG_DIGITS = /(?:^|[:,[])\s*-?\d{16}/;

/**
 * Parses JSON text like `JSON.parse`, except that integer literals outside
 * `Number.MIN_SAFE_INTEGER..Number.MAX_SAFE_INTEGER` become strings of their exact digits.
 * @throws SyntaxError as `JSON.parse` does.
 */
export function parseJsonExact(text: string): unknown {
  const kept = lastParsed;
  if (kept !== undefined) {
    lastParsed = undefined;
    if (kept.text === text) return kept.value;
  }
  const value: unknown = JSON.parse(text);
  if (!LONG_DIGITS.test(text)) return value;
  const quoted = quoteUnsafeIntegers(text);
  return quoted === text ? value : (JSON.parse(quoted) as unknown);
}

// The payload reader parses a whole JSON document (a CloudTrail file) to tell it from lines; the classifier
// then needs the same value. One slot keeps it for the next parse of that very text, so a document of many
// megabytes is parsed once, not twice. The slot is emptied on every parse: nothing outlives one record.
let lastParsed: { readonly text: string; readonly value: unknown } | undefined;

/**
 * Parses `text` like {@link parseJsonExact} and keeps the value for the next `parseJsonExact` of the same text
 * (the classifier's, right after). Returns false when the text is not JSON.
 */
export function parseJsonAndKeep(text: string): boolean {
  try {
    const value = parseJsonExact(text);
    lastParsed = { text, value };
    return true;
  } catch {
    return false;
  }
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
