/** Byte-level helpers: compression detection by content, bounded inflation, text checks and previews. */
import { isUtf8 } from 'node:buffer';
import { gunzipSync, inflateSync } from 'node:zlib';

/** How a payload is compressed, told from its first bytes (never from a file name or header). */
export type Compression = 'gzip' | 'zlib' | 'none';

/** Length of the longest preview kept in a report. */
export const PREVIEW_CHARS = 256;

/**
 * Detects gzip (magic 1f 8b 08) and zlib (RFC 1950 header: deflate method and a valid header check,
 * e.g. 78 9c) from the first bytes.
 */
export function detectCompression(head: Uint8Array): Compression {
  if (head.length >= 3 && head[0] === 0x1f && head[1] === 0x8b && head[2] === 0x08) return 'gzip';
  if (head.length >= 2 && (head[0] & 0x0f) === 8 && head[0] >> 4 <= 7 && ((head[0] << 8) | head[1]) % 31 === 0) {
    return 'zlib';
  }
  return 'none';
}

/** Inflated bytes, or why inflation failed: over the cap, or corrupt data. */
export type InflateResult =
  | { readonly ok: true; readonly value: Buffer }
  | { readonly ok: false; readonly code: 'TooLarge' | 'Decompress'; readonly reason: string };

/** Most bytes an in-memory payload (one record) may inflate to: the per-record limit, never more. */
export function inMemoryInflateCap(limits: { readonly maxInflatedBytes: number; readonly maxLineBytes: number }): number {
  return Math.min(limits.maxInflatedBytes, limits.maxLineBytes);
}

/** Inflates a whole in-memory payload, stopping at `maxBytes` of output. */
export function inflateBuffer(data: Buffer, compression: 'gzip' | 'zlib', maxBytes: number): InflateResult {
  try {
    const options = { maxOutputLength: maxBytes };
    return { ok: true, value: compression === 'gzip' ? gunzipSync(data, options) : inflateSync(data, options) };
  } catch (err) {
    if (isTooLarge(err)) {
      return { ok: false, code: 'TooLarge', reason: `${compression} data inflates to more than ${maxBytes} bytes (the per-record limit)` };
    }
    return { ok: false, code: 'Decompress', reason: `${compression} data could not be inflated: ${describeZlibError(err)}` };
  }
}

function isTooLarge(err: unknown): boolean {
  return err instanceof RangeError || (err as { code?: string } | null)?.code === 'ERR_BUFFER_TOO_LARGE';
}

/** A short description of a zlib error ("unexpected end of file"). */
export function describeZlibError(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/**
 * True when a sample looks like binary data rather than text with a few bad bytes: it holds a NUL byte,
 * or more than 10% of its characters are not UTF-8. (A line or two of invalid UTF-8 in a log file is
 * reported line by line instead, and the rest of the file is read.)
 */
export function looksBinary(sample: Buffer): boolean {
  if (sample.includes(0)) return true;
  if (isUtf8(sample)) return false;
  const text = sample.toString('utf8');
  let replaced = 0;
  for (let i = text.indexOf('\ufffd'); i !== -1; i = text.indexOf('\ufffd', i + 1)) replaced += 1;
  return replaced * 10 > text.length;
}

/**
 * True when the bytes are valid UTF-8 with no control characters but tab, CR and LF: plain text. A zlib header is
 * two bytes that printable text can start with ("hC", "x^"); compressed data after it never reads as clean text.
 */
export function isPlainText(bytes: Buffer): boolean {
  if (!isUtf8(bytes)) return false;
  for (const byte of bytes) if ((byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d) || byte === 0x7f) return false;
  return true;
}

/** True when the bytes are valid UTF-8. */
export function isValidUtf8(bytes: Buffer): boolean {
  return isUtf8(bytes);
}

/** The first characters of some data, readable in a JSON log line (invalid bytes shown as U+FFFD). */
export function preview(data: Buffer | string, max = PREVIEW_CHARS): string {
  const text = typeof data === 'string' ? data.slice(0, max) : data.subarray(0, max * 4).toString('utf8');
  return text.length > max ? text.slice(0, max) : text;
}
