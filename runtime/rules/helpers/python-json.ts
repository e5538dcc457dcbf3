/** Python's `json.loads` on a record value, for rules ported from StreamAlert. */
import { RecordShapeError } from '../errors';

// Python's decoder also reads the non-standard constants NaN, Infinity and -Infinity (outside strings).
const TOKENS = /"(?:[^"\\]|\\.)*"|-?Infinity|NaN/gs;

/**
 * Python `json.loads(text)`: raises a TypeError for anything but a string and a ValueError for bad JSON;
 * accepts NaN and (-)Infinity as Python does.
 */
export function jsonLoads(text: unknown): unknown {
  if (typeof text !== 'string') {
    throw new RecordShapeError('TypeError', `the JSON object must be str, bytes or bytearray, not ${text === null || text === undefined ? 'NoneType' : typeof text}`);
  }
  try {
    return JSON.parse(text);
  } catch {
    // Retried only for the rare text with Python's extra constants.
  }
  const marker = `\u0000nan-${Math.random().toString(36).slice(2)}`;
  const replaced = text.replace(TOKENS, (token) => {
    if (token === 'NaN') return JSON.stringify(marker);
    if (token === 'Infinity') return '1e999';
    if (token === '-Infinity') return '-1e999';
    return token;
  });
  try {
    return JSON.parse(replaced, (_key, value: unknown) => (value === marker ? Number.NaN : value));
  } catch (err) {
    throw new RecordShapeError('ValueError', `not valid JSON: ${err instanceof Error ? err.message : String(err)}`);
  }
}
