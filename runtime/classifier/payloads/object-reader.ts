/**
 * Reads one object (an S3 object, a local file, stdin) as records, streamed line by line.
 *
 * Compression is told from the first bytes (gzip, zlib), never from the name. The object is then one of:
 * - JSON documents whose first key holds a list (CloudTrail's `{"Records":[...]}`, on one line of any length
 *   or pretty-printed): streamed by json-documents.ts, one record per document up to `maxDocumentBytes`,
 *   one record per list element past it;
 * - another whole JSON document (pretty-printed over many lines):
 *   the first non-blank line starts with `{` or `[` and does NOT parse as JSON on its own. The lines are
 *   collected (up to `maxDocumentBytes`) and the document becomes one record. If the collected text does not
 *   parse either, or is too big, its lines are read as separate records instead, so nothing is lost;
 * - JSON lines or plain lines (CSV, KV, syslog...): every non-blank line is a record.
 * Memory stays bounded by `maxLineBytes` and `maxDocumentBytes`, whatever the object's size.
 */
import type { RawRecord, RecordSource } from '../types';
import { detectCompression, isPlainText, isValidUtf8, looksBinary, preview } from './bytes';
import { PayloadReadError, inflateStream, isOverlong, peek, splitLines, toBuffers, type Line, type OverlongLine } from './stream';
import { readListDocuments, startsWithListDocument } from './json-documents';
import { parseJsonAndKeep } from '../../json';
import type { ReadContext } from './types';

/** Bytes looked at to tell text from binary data. */
const SAMPLE_BYTES = 4096;

/** An object to read: where its records come from, and how reports name it (`s3://bucket/key`, a path). */
export interface ObjectRef {
  readonly source: RecordSource;
  readonly name: string;
}

/**
 * Streams the records of one object in batches (one per chunk read); problems are reported through
 * `ctx.report`, never thrown.
 */
export async function* readObject(body: AsyncIterable<Uint8Array | string>, ref: ObjectRef, ctx: ReadContext): AsyncGenerator<RawRecord[]> {
  const lines = new LineRecords(ref, ctx);
  let listed: { lines: number } | undefined;
  let failure: unknown;
  try {
    const raw = await peek(toBuffers(body), 3);
    if (raw.head.length === 0) {
      ctx.report({ level: 'warn', code: 'Empty', reason: `${ref.name}: empty object, skipped`, source: ref.source });
      return;
    }
    const sniffed = detectCompression(raw.head);
    // Text whose first two bytes happen to form a zlib header ("hC ...") is text, as for Kinesis records.
    const compression = sniffed === 'zlib' && isPlainText(raw.head) ? 'none' : sniffed;
    const inflated = compression === 'none' ? raw.chunks : inflateStream(raw.chunks, compression, ctx.limits.maxInflatedBytes);
    const text = await peek(inflated, SAMPLE_BYTES);
    if (text.head.length === 0) {
      ctx.report({ level: 'warn', code: 'Empty', reason: `${ref.name}: empty after ${compression} decompression, skipped`, source: ref.source });
      return;
    }
    if (looksBinary(text.head.subarray(0, SAMPLE_BYTES))) {
      await text.chunks.return(undefined);
      ctx.report({ level: 'error', code: 'NotText', reason: `${ref.name}: binary data (not UTF-8 text), not read`, source: ref.source, preview: preview(text.head) });
      return;
    }
    if (startsWithListDocument(text.head) && !startsWithJsonLine(text.head)) {
      // CloudTrail-like documents of any size: streamed element by element past maxDocumentBytes.
      listed = { lines: 0 };
      for await (const batch of readListDocuments(text.chunks, ref, ctx, listed)) yield batch;
      return;
    }
    for await (const batch of splitLines(text.chunks, ctx.limits.maxLineBytes)) {
      const out: RawRecord[] = [];
      for (const line of batch) lines.accept(line, out);
      if (out.length > 0) yield out;
    }
  } catch (err) {
    failure = err;
  }
  // Whatever was read before a failure is kept.
  const rest: RawRecord[] = [];
  lines.finish(rest);
  if (rest.length > 0) yield rest;
  if (failure !== undefined) {
    const code = failure instanceof PayloadReadError ? failure.issue : 'FetchFailed';
    const message = failure instanceof Error ? failure.message : String(failure);
    // A broken stream (connection reset, timeout) is transient: the object is read again on retry.
    const retry = code === 'FetchFailed' ? { retry: true as const } : {};
    const read = listed?.lines ?? lines.count;
    ctx.report({ level: 'error', code, reason: `${ref.name}: ${message} (${read} line(s) read before)`, source: ref.source, ...retry });
  }
}

/** Turns lines into records, deciding once between "whole JSON document" and "one record per line". */
class LineRecords {
  private mode: 'undecided' | 'lines' | 'document' = 'undecided';
  private document: Line[] = [];
  private documentBytes = 0;
  /** Lines seen so far. */
  count = 0;

  constructor(
    private readonly ref: ObjectRef,
    private readonly ctx: ReadContext,
  ) {}

  accept(line: Line | OverlongLine, out: RawRecord[]): void {
    this.count = line.number;
    if (this.mode === 'lines') {
      this.toRecord(line, out);
      return;
    }
    if (this.mode === 'document') {
      if (isOverlong(line) || !isValidUtf8(line.bytes) || this.documentBytes + line.bytes.length > this.ctx.limits.maxDocumentBytes) {
        if (!isOverlong(line) && isValidUtf8(line.bytes)) {
          this.warn(`larger than ${this.ctx.limits.maxDocumentBytes} bytes (limit maxDocumentBytes): read line by line instead of as one JSON document`);
        }
        this.flushAsLines(out);
        this.toRecord(line, out);
        return;
      }
      this.document.push(line);
      this.documentBytes += line.bytes.length + 1;
      return;
    }
    // Undecided: blank lines before the first content are skipped.
    if (!isOverlong(line) && isBlank(line.bytes)) return;
    if (!isOverlong(line) && isValidUtf8(line.bytes) && startsDocument(line.bytes)) {
      this.mode = 'document';
      this.document.push(line);
      this.documentBytes = line.bytes.length + 1;
      return;
    }
    this.mode = 'lines';
    this.toRecord(line, out);
  }

  /** Emits the collected document (one record) or, if it is not JSON, its lines. */
  finish(out: RawRecord[]): void {
    if (this.mode !== 'document' || this.document.length === 0) return;
    const text = stripBom(Buffer.concat(this.document.flatMap((l) => [l.bytes, NEWLINE])).toString('utf8')).trimEnd();
    // The value is kept for the classifier, which would otherwise parse the same document a second time.
    if (parseJsonAndKeep(text)) {
      const first = this.document[0].number;
      const last = this.document[this.document.length - 1].number;
      this.document = [];
      out.push({ data: text, source: this.sourceAt(first === last ? `${first}` : `${first}-${last}`) });
      return;
    }
    this.flushAsLines(out);
  }

  private flushAsLines(out: RawRecord[]): void {
    this.mode = 'lines';
    const lines = this.document;
    this.document = [];
    for (const line of lines) this.toRecord(line, out);
  }

  private toRecord(line: Line | OverlongLine, out: RawRecord[]): void {
    if (isOverlong(line)) {
      this.error('LineTooLong', line.number, `line ${line.number} is ${line.length} bytes, longer than ${this.ctx.limits.maxLineBytes} (limit maxLineBytes)`, line.head);
      return;
    }
    if (isBlank(line.bytes)) return;
    if (!isValidUtf8(line.bytes)) {
      this.error('InvalidUtf8', line.number, `line ${line.number} is not valid UTF-8`, line.bytes);
      return;
    }
    const text = line.bytes.toString('utf8');
    out.push({ data: line.number === 1 ? stripBom(text) : text, source: this.sourceAt(`${line.number}`) });
  }

  private sourceAt(lines: string): RecordSource {
    const base = this.ref.source.location;
    return { ...this.ref.source, location: base === undefined ? `line ${lines}` : `${base}:${lines}` };
  }

  private warn(message: string): void {
    this.ctx.report({ level: 'warn', code: 'TooLarge', reason: `${this.ref.name}: ${message}`, source: this.ref.source });
  }

  private error(code: 'LineTooLong' | 'InvalidUtf8', number: number, message: string, bytes: Buffer): void {
    this.ctx.report({ level: 'error', code, reason: `${this.ref.name}: ${message}`, source: this.sourceAt(`${number}`), preview: preview(bytes) });
  }
}

const NEWLINE = Buffer.from('\n');

function isBlank(bytes: Buffer): boolean {
  for (const byte of bytes) {
    if (byte !== 0x20 && byte !== 0x09 && byte !== 0x0d) return false;
  }
  return true;
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * True when the object's first line is a whole JSON value by itself (JSON lines, such as CloudTrail events
 * delivered one `{"Records":[...]}` per line): such an object is read line by line, which is cheaper than the
 * document scanner, gives each record its line number, and is how a plain file cut into chunks is read too.
 * A single document too long for the head (a CloudTrail file on one line) still goes to the scanner.
 */
function startsWithJsonLine(head: Buffer): boolean {
  const end = head.indexOf(0x0a);
  return end !== -1 && parses(stripBom(head.toString('utf8', 0, end)).trim());
}

/** A first line opens a whole JSON document when it starts with `{` or `[` but is not JSON by itself. */
function startsDocument(bytes: Buffer): boolean {
  const text = stripBom(bytes.toString('utf8')).trimStart();
  return (text.startsWith('{') || text.startsWith('[')) && !parses(text);
}

function parses(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
