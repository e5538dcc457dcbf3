/**
 * Cutting one large plain-text file into chunks at line boundaries, so that several workers classify it at
 * once. Only files read line by line are cut: compressed files, binary data and whole JSON documents (such as
 * a CloudTrail file) stay one task. Each chunk knows the number of its first line, so records keep the
 * locations they have when the file is read whole.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import type { RecordSource } from '../../runtime/classifier';
import type { ReadIssue } from '../../runtime/classifier/payloads';
import { detectCompression, looksBinary, preview } from '../../runtime/classifier/payloads/bytes';
import type { LinesTask } from './tasks';

const MIB = 1024 * 1024;
/** Bytes read per chunk of a split file. */
export const CHUNK_BYTES = 4 * MIB;
/** Bytes looked at to decide whether a file is read line by line. */
const HEAD_BYTES = MIB;

/** True when the file is plain text read line by line, and big enough to be worth splitting. */
export function isSplittable(path: string, size: number, chunkBytes: number): boolean {
  if (size < 2 * chunkBytes) return false;
  const head = Buffer.alloc(Math.min(HEAD_BYTES, size));
  const fd = openSync(path, 'r');
  try {
    readSync(fd, head, 0, head.length, 0);
  } finally {
    closeSync(fd);
  }
  if (detectCompression(head) !== 'none' || looksBinary(head.subarray(0, 4096))) return false;
  // As the payload reader decides: the first non-blank line opens a JSON document when it starts with { or [
  // and does not parse by itself. A first line longer than the head that starts so is not split either.
  let start = 0;
  for (;;) {
    const end = head.indexOf(0x0a, start);
    const line = head.subarray(start, end === -1 ? head.length : end).toString('utf8').replace(/^\uFEFF/, '').trim();
    if (line !== '' || end === -1) {
      if (!line.startsWith('{') && !line.startsWith('[')) return true;
      if (end === -1) return false;
      return parses(line);
    }
    start = end + 1;
  }
}

function parses(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** Options of {@link fileChunks}. */
export interface ChunkOptions {
  readonly path: string;
  readonly name: string;
  readonly source: RecordSource;
  readonly chunkBytes: number;
  /** A line longer than this is reported and skipped here (it would be reported by the reader anyway). */
  readonly maxLineBytes: number;
  readonly report: (issue: ReadIssue) => void;
}

/**
 * The chunks of a file, each whole lines ending at a line break (the last may end at the end of the file). Each
 * chunk's bytes own their ArrayBuffer, so they can be transferred to a worker without a copy.
 */
export function* fileChunks(options: ChunkOptions): Generator<LinesTask> {
  const { chunkBytes } = options;
  const fd = openSync(options.path, 'r');
  let carry: Buffer = Buffer.alloc(0);
  let line = 1;
  let position = 0;
  const task = (bytes: Buffer): LinesTask => ({ kind: 'lines', name: options.name, source: options.source, firstLine: line, bytes });
  try {
    for (;;) {
      const buffer = Buffer.allocUnsafeSlow(carry.length + chunkBytes);
      carry.copy(buffer, 0);
      const read = readSync(fd, buffer, carry.length, chunkBytes, position);
      position += read;
      const filled = carry.length + read;
      if (read === 0) {
        if (filled > 0) yield task(buffer.subarray(0, filled));
        return;
      }
      const lastBreak = buffer.lastIndexOf(0x0a, filled - 1);
      if (lastBreak === -1) {
        carry = buffer.subarray(0, filled);
        if (carry.length > options.maxLineBytes) ({ carry, position } = skipLine(fd, carry, position, line++, options));
        continue;
      }
      carry = Buffer.from(buffer.subarray(lastBreak + 1, filled));
      const bytes = buffer.subarray(0, lastBreak + 1);
      const chunk = task(bytes);
      // Counted before the chunk is handed on: a transfer to a worker detaches its bytes.
      line += countBreaks(bytes);
      yield chunk;
    }
  } finally {
    closeSync(fd);
  }
}

/** Skips the rest of an overlong line (reporting it as the reader would), returning what follows it. */
function skipLine(fd: number, head: Buffer, position: number, line: number, options: ChunkOptions): { carry: Buffer; position: number } {
  let length = head.length;
  const scratch = Buffer.allocUnsafe(MIB);
  for (;;) {
    const read = readSync(fd, scratch, 0, scratch.length, position);
    const end = read === 0 ? -1 : scratch.subarray(0, read).indexOf(0x0a);
    if (read === 0 || end !== -1) {
      length += end === -1 ? 0 : end;
      options.report({
        level: 'error',
        code: 'LineTooLong',
        reason: `${options.name}: line ${line} is ${length} bytes, longer than ${options.maxLineBytes} (limit maxLineBytes)`,
        source: { ...options.source, location: options.source.location === undefined ? `line ${line}` : `${options.source.location}:${line}` },
        preview: preview(head.subarray(0, 1024)),
      });
      return { carry: Buffer.alloc(0), position: read === 0 ? position : position + end + 1 };
    }
    length += read;
    position += read;
  }
}

function countBreaks(bytes: Buffer): number {
  let count = 0;
  for (let at = bytes.indexOf(0x0a); at !== -1; at = bytes.indexOf(0x0a, at + 1)) count++;
  return count;
}
