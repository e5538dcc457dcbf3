/**
 * Streaming helpers for objects that may be large: normalise a body to Buffers, look at the first bytes
 * without losing them, inflate with a cap, and split into lines with a cap. Memory stays bounded by the
 * caps, whatever the object's size.
 */
import { Readable } from 'node:stream';
import { createGunzip, createInflate } from 'node:zlib';
import { StreamAlertError, errorMessage } from '../../errors';
import { describeZlibError } from './bytes';
import type { ReadIssueCode } from './types';

/** Stops the reading of one object; the reader turns it into a {@link ReadIssue}. Never leaves the reader. */
export class PayloadReadError extends StreamAlertError {
  constructor(
    readonly issue: Extract<ReadIssueCode, 'TooLarge' | 'Decompress' | 'FetchFailed'>,
    message: string,
  ) {
    super(issue, message, { source: issue === 'FetchFailed' ? 'aws' : 'user' });
  }
}

/** A body as Buffers; an error from the underlying stream becomes a `FetchFailed` {@link PayloadReadError}. */
export async function* toBuffers(body: AsyncIterable<Uint8Array | string>): AsyncGenerator<Buffer> {
  try {
    for await (const chunk of body) {
      if (chunk.length > 0) yield typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    }
  } catch (err) {
    if (err instanceof PayloadReadError) throw err;
    throw new PayloadReadError('FetchFailed', `the object stream failed: ${errorMessage(err)}`);
  }
}

/** The first bytes of a stream, and the whole stream (those bytes included) to read on. */
export interface Peeked {
  readonly head: Buffer;
  readonly chunks: AsyncGenerator<Buffer>;
}

/** Reads at least `minBytes` (or to the end) and returns them with a stream that replays them first. */
export async function peek(source: AsyncIterable<Buffer>, minBytes: number): Promise<Peeked> {
  const iterator = source[Symbol.asyncIterator]();
  const pulled: Buffer[] = [];
  let total = 0;
  let done = false;
  while (total < minBytes) {
    const next = await iterator.next();
    if (next.done) {
      done = true;
      break;
    }
    pulled.push(next.value);
    total += next.value.length;
  }
  async function* replay(): AsyncGenerator<Buffer> {
    try {
      yield* pulled.splice(0);
      while (!done) {
        const next = await iterator.next();
        if (next.done) return;
        yield next.value;
      }
    } finally {
      if (!done) await iterator.return?.(undefined);
    }
  }
  return { head: Buffer.concat(pulled), chunks: replay() };
}

/**
 * Inflates a gzip (one or more members) or zlib stream, throwing a `TooLarge` {@link PayloadReadError}
 * once the output passes `maxBytes` and a `Decompress` one on corrupt or truncated input.
 */
export async function* inflateStream(chunks: AsyncIterable<Buffer>, kind: 'gzip' | 'zlib', maxBytes: number): AsyncGenerator<Buffer> {
  const inflater = kind === 'gzip' ? createGunzip() : createInflate();
  const input = Readable.from(chunks, { objectMode: false });
  input.on('error', (err) => inflater.destroy(err));
  input.pipe(inflater);
  let total = 0;
  try {
    for await (const out of inflater as AsyncIterable<Buffer>) {
      total += out.length;
      if (total > maxBytes) {
        throw new PayloadReadError('TooLarge', `${kind} data inflates to more than ${maxBytes} bytes (limit maxInflatedBytes)`);
      }
      yield out;
    }
  } catch (err) {
    if (err instanceof PayloadReadError) throw err;
    throw new PayloadReadError('Decompress', `${kind} data could not be inflated after ${total} bytes: ${describeZlibError(err)}`);
  } finally {
    input.unpipe(inflater);
    input.destroy();
    inflater.destroy();
  }
}

/** One line of an object (without its line break), numbered from 1. */
export interface Line {
  readonly number: number;
  readonly bytes: Buffer;
}

/** A line longer than the cap: only its first bytes and its length are kept. */
export interface OverlongLine {
  readonly number: number;
  readonly overlong: true;
  readonly head: Buffer;
  /** Bytes seen before the line ended (or the object did). */
  readonly length: number;
}

const HEAD_BYTES = 1024;

/**
 * Splits a byte stream on `\n` (a trailing `\r` is removed), yielding the lines completed by each chunk
 * as one batch (one await per chunk, not per line). A line longer than `maxLineBytes` is yielded as an
 * {@link OverlongLine}; the rest of it is skipped without being buffered.
 */
export async function* splitLines(chunks: AsyncIterable<Buffer>, maxLineBytes: number): AsyncGenerator<(Line | OverlongLine)[]> {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let skipping: { head: Buffer; length: number } | undefined;
  let number = 0;

  const finish = (tail: Buffer): Line | OverlongLine => {
    number += 1;
    if (skipping) {
      const line: OverlongLine = { number, overlong: true, head: skipping.head, length: skipping.length + tail.length };
      skipping = undefined;
      return line;
    }
    const bytes = pending.length === 0 ? tail : Buffer.concat([...pending, tail]);
    pending = [];
    pendingBytes = 0;
    if (bytes.length > maxLineBytes) {
      return { number, overlong: true, head: Buffer.from(bytes.subarray(0, HEAD_BYTES)), length: bytes.length };
    }
    const end = bytes.length > 0 && bytes[bytes.length - 1] === 0x0d ? bytes.length - 1 : bytes.length;
    return { number, bytes: bytes.subarray(0, end) };
  };

  for await (const chunk of chunks) {
    const batch: (Line | OverlongLine)[] = [];
    let start = 0;
    for (;;) {
      const newline = chunk.indexOf(0x0a, start);
      if (newline === -1) break;
      batch.push(finish(chunk.subarray(start, newline)));
      start = newline + 1;
    }
    if (batch.length > 0) yield batch;
    if (start >= chunk.length) continue;
    const rest = chunk.subarray(start);
    if (skipping) {
      skipping.length += rest.length;
    } else if (pendingBytes + rest.length > maxLineBytes) {
      const head = Buffer.concat([...pending, rest]).subarray(0, HEAD_BYTES);
      skipping = { head: Buffer.from(head), length: pendingBytes + rest.length };
      pending = [];
      pendingBytes = 0;
    } else {
      pending.push(rest);
      pendingBytes += rest.length;
    }
  }
  if (skipping || pendingBytes > 0) yield [finish(Buffer.alloc(0))];
}

/** True for a line that is an {@link OverlongLine}. */
export function isOverlong(line: Line | OverlongLine): line is OverlongLine {
  return 'overlong' in line;
}
