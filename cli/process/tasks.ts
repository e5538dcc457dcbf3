/**
 * The units of work of `streamalert process`: a whole object (a file, or stdin, read with the rule processor's
 * payload reader), or a chunk of a large plain file cut at line boundaries, whose lines become records
 * numbered as in the whole file. The same code reads a task in the main thread and in a worker.
 */
import { createReadStream } from 'node:fs';
import type { RawRecord, RecordSource } from '../../runtime/classifier';
import { readObject, type ReadContext, type ReadIssue } from '../../runtime/classifier/payloads';
import { isValidUtf8, preview } from '../../runtime/classifier/payloads/bytes';
import { replayRecords } from './dead-letter';
import type { RecordProcessor } from './records';

/** A whole object: read from `path`, or (without one) from the body the caller passes. */
export interface ObjectTask {
  readonly kind: 'object';
  readonly name: string;
  readonly source: RecordSource;
  readonly path?: string;
}

/** Whole lines of a plain-text file, the first being line `firstLine` of the file. */
export interface LinesTask {
  readonly kind: 'lines';
  readonly name: string;
  readonly source: RecordSource;
  readonly firstLine: number;
  readonly bytes: Uint8Array;
}

export type Task = ObjectTask | LinesTask;

/** How tasks are read. */
export interface TaskReading {
  readonly reader: ReadContext;
  /** The inputs are dead-letter objects: each line is replayed as the record it kept. */
  readonly replay: boolean;
  /** Bytes read so far (for progress). */
  readonly onBytes?: (n: number) => void;
  /** Stop early (stdout closed). */
  readonly stopped?: () => boolean;
  /** Called after each batch of records (progress). */
  readonly onBatch?: () => void;
  /** Awaited between batches of records: a worker waits there while its output is not written yet. */
  readonly backpressure?: () => Promise<void>;
}

/** Reads one task into the processor. `body` replaces the file of an object task without a path (stdin). */
export async function readTask(task: Task, processor: RecordProcessor, how: TaskReading, body?: AsyncIterable<Uint8Array | string>): Promise<void> {
  const feed = (records: readonly RawRecord[]): void => {
    for (const raw of how.replay ? replayRecords(records, task.name, (issue) => processor.issue(issue)) : records) processor.add(raw);
    how.onBatch?.();
  };
  if (task.kind === 'lines') {
    how.onBytes?.(task.bytes.byteLength);
    chunkRecords(task, how.reader.limits.maxLineBytes, (issue) => processor.issue(issue), feed);
    return;
  }
  const input: AsyncIterable<Uint8Array | string> = body ?? (task.path === undefined ? emptyBody() : createReadStream(task.path, { highWaterMark: 256 * 1024 }));
  for await (const records of readObject(counted(input, how.onBytes), { source: task.source, name: task.name }, how.reader)) {
    feed(records);
    if (how.stopped?.()) return;
    await how.backpressure?.();
  }
}

async function* emptyBody(): AsyncGenerator<Uint8Array> {}

async function* counted(body: AsyncIterable<Uint8Array | string>, onBytes?: (n: number) => void): AsyncGenerator<Uint8Array | string> {
  for await (const chunk of body) {
    onBytes?.(chunk.length);
    yield chunk;
  }
}

/** Records handed on at once from a chunk. */
const SLICE = 2000;

/**
 * The records of a chunk of lines, as the payload reader makes them from a plain-text object: blank lines
 * skipped, a trailing `\r` removed, the BOM of line 1 dropped, overlong and invalid UTF-8 lines reported.
 */
export function chunkRecords(task: LinesTask, maxLineBytes: number, report: (issue: ReadIssue) => void, feed: (records: RawRecord[]) => void): void {
  const bytes = Buffer.from(task.bytes.buffer, task.bytes.byteOffset, task.bytes.byteLength);
  const base = task.source.location;
  const sourceAt = (n: number): RecordSource => ({ ...task.source, location: base === undefined ? `line ${n}` : `${base}:${n}` });
  let out: RawRecord[] = [];
  let number = task.firstLine;
  for (let start = 0; start < bytes.length; number++) {
    let end = bytes.indexOf(0x0a, start);
    if (end === -1) end = bytes.length;
    const next = end + 1;
    if (end > start && bytes[end - 1] === 0x0d) end--;
    const line = bytes.subarray(start, end);
    start = next;
    if (line.length > maxLineBytes) {
      report({ level: 'error', code: 'LineTooLong', reason: `${task.name}: line ${number} is ${line.length} bytes, longer than ${maxLineBytes} (limit maxLineBytes)`, source: sourceAt(number), preview: preview(line.subarray(0, 1024)) });
      continue;
    }
    if (isBlankLine(line)) continue;
    if (!isValidUtf8(line)) {
      report({ level: 'error', code: 'InvalidUtf8', reason: `${task.name}: line ${number} is not valid UTF-8`, source: sourceAt(number), preview: preview(line) });
      continue;
    }
    const text = line.toString('utf8');
    out.push({ data: number === 1 && text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, source: sourceAt(number) });
    if (out.length >= SLICE) {
      feed(out);
      out = [];
    }
  }
  if (out.length > 0) feed(out);
}

function isBlankLine(bytes: Buffer): boolean {
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i];
    if (byte !== 0x20 && byte !== 0x09 && byte !== 0x0d) return false;
  }
  return true;
}
