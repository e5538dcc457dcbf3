/**
 * Splitting long text for Slack: "a single message should be no larger than 4,000 bytes" (Slack's guidance,
 * quoted by the message-size request), so each piece, once escaped, stays within a byte limit. Pieces end at
 * a line break when one fits, else at a space, else at a character boundary; no character is dropped, so the
 * pieces joined are the whole text.
 */

const utf8 = (text: string): number => Buffer.byteLength(text, 'utf8');

/** Splits `text` into pieces whose `measure(piece)` is at most `limit` bytes. */
export function splitText(text: string, limit: number, measure: (piece: string) => string = (p) => p): string[] {
  const size = (piece: string): number => utf8(measure(piece));
  const pieces: string[] = [];
  let rest = text;
  while (rest !== '') {
    if (size(rest) <= limit) {
      pieces.push(rest);
      break;
    }
    const end = cutPoint(rest, limit, size);
    pieces.push(rest.slice(0, end));
    rest = rest.slice(end);
  }
  return pieces;
}

/** Where to cut `text`: the longest prefix that fits, moved back to a line break or space when one exists. */
function cutPoint(text: string, limit: number, size: (piece: string) => number): number {
  const chars = Array.from(text);
  // Binary search on code points for the longest prefix within the limit.
  let lo = 1;
  let hi = chars.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (size(chars.slice(0, mid).join('')) <= limit) lo = mid;
    else hi = mid - 1;
  }
  const prefix = chars.slice(0, lo).join('');
  for (const separator of ['\n', ' ']) {
    const at = prefix.lastIndexOf(separator);
    if (at > 0) return at + 1;
  }
  return prefix.length;
}
