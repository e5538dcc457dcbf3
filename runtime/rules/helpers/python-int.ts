/** Python's `int(value)` on JSON values, for rules ported from StreamAlert. */
import { RecordShapeError } from '../errors';

// int() accepts surrounding whitespace, a sign, and Unicode decimal digits with single underscores between them.
const INT_TEXT = /^\s*([+-]?)(\p{Nd}+(?:_\p{Nd}+)*)\s*$/u;
const DIGIT = /^\p{Nd}$/u;

/** The value of one Unicode decimal digit: digits come in runs that start at zero. */
function digitValue(char: string): number {
  const code = char.codePointAt(0) as number;
  let start = code;
  while (start > 0 && DIGIT.test(String.fromCodePoint(start - 1))) start -= 1;
  return (code - start) % 10;
}

function parseDigits(digits: string): number {
  let value = 0;
  for (const char of digits.replace(/_/g, '')) value = value * 10 + (char >= '0' && char <= '9' ? Number(char) : digitValue(char));
  return value;
}

/**
 * Python `int(value)`: a bool (0 or 1), an int, a float (truncated), or a string of a whole decimal number
 * ('7', ' +7 ', '1_000'). Anything else raises, as in Python ('7.0', '', None, a list or dict).
 */
export function toInt(value: unknown): number {
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new RecordShapeError('ValueError', `cannot convert float ${String(value)} to integer`);
    return Math.trunc(value);
  }
  if (typeof value === 'string') {
    const match = INT_TEXT.exec(value);
    if (!match) throw new RecordShapeError('ValueError', `invalid literal for int() with base 10: ${JSON.stringify(value)}`);
    const magnitude = parseDigits(match[2] as string);
    return match[1] === '-' ? -magnitude : magnitude;
  }
  throw new RecordShapeError('TypeError', `int() argument must be a string, a bytes-like object or a number, not ${value === null || value === undefined ? 'NoneType' : Array.isArray(value) ? 'list' : 'dict'}`);
}
