/** How a raw record is shown in an unclassified record: text cut to a bounded length, and its full size. */

import { safeStringify } from '../json';

/** Most characters of raw data kept in an unclassified record (logs stay readable; the size is kept). */
export const MAX_UNCLASSIFIED_CHARS = 4096;

/** The text and byte size of raw data, whatever its form (string, bytes, decoded JSON). */
export function renderRawData(data: unknown): { readonly text: string; readonly bytes: number } {
  let text: string;
  let bytes: number;
  if (typeof data === 'string') {
    text = data;
    bytes = Buffer.byteLength(data, 'utf8');
  } else if (data instanceof Uint8Array) {
    bytes = data.byteLength;
    text = Buffer.from(data.buffer, data.byteOffset, Math.min(data.byteLength, MAX_UNCLASSIFIED_CHARS * 4)).toString('utf8');
  } else {
    text = safeStringify(data);
    bytes = Buffer.byteLength(text, 'utf8');
  }
  return { text: text.length > MAX_UNCLASSIFIED_CHARS ? text.slice(0, MAX_UNCLASSIFIED_CHARS) : text, bytes };
}
