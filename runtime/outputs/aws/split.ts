/** Splitting text into pieces of at most N UTF-8 bytes, never inside a character. */

/** Splits `text` into consecutive pieces of at most `maxBytes` UTF-8 bytes each (joined, they give `text` back). */
export function splitUtf8(text: string, maxBytes: number): string[] {
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length <= maxBytes) return [text];
  const parts: string[] = [];
  let start = 0;
  while (start < bytes.length) {
    let end = Math.min(start + maxBytes, bytes.length);
    // Step back off UTF-8 continuation bytes (10xxxxxx) so no character is cut in two.
    while (end < bytes.length && end > start && (bytes[end] & 0xc0) === 0x80) end -= 1;
    parts.push(bytes.subarray(start, end).toString('utf8'));
    start = end;
  }
  return parts;
}
