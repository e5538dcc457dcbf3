/**
 * Streams an object made of JSON documents whose first key holds a list, such as CloudTrail's
 * `{"Records":[...]}` (one line of any length, or pretty-printed), in bounded memory. A document up to
 * `maxDocumentBytes` is one record, as before. A larger one is split as it streams: each element of that
 * first list becomes the record `{"<key>":[<element>]}`, which the same schema classifies (its `json_path`
 * selects `Records[*]` either way), so a 1 GB CloudTrail file is read event by event instead of being
 * rejected whole. Keys after the list in a split document are not kept. Structural bytes are ASCII, so the
 * scan works on the UTF-8 bytes directly.
 */
import type { RawRecord, RecordSource } from '../types';
import { isValidUtf8, preview } from './bytes';
import type { ReadContext } from './types';

/** True when the first bytes of an object open a JSON document whose first key holds a list. */
export function startsWithListDocument(head: Buffer): boolean {
  return /^\uFEFF?\s*\{\s*"(?:[^"\\]|\\.)*"\s*:\s*\[/.test(head.toString('utf8', 0, 512));
}

/** Where an object is read from, for reports. */
export interface DocumentRef {
  readonly source: RecordSource;
  readonly name: string;
}

/** Where the scan is in the head of a document (`{ "key" : [`). */
type Head = 'open' | 'key' | 'colon' | 'list' | 'done';

/** Scans one object chunk by chunk. */
class DocumentSplitter {
  private out: RawRecord[] = [];
  private depth = 0;
  private inString = false;
  private escaped = false;
  line = 1;
  // The document in progress, kept whole while under the cap.
  private parts: Buffer[] = [];
  private bytes = 0;
  private startLine = 1;
  private split = false;
  private unsplittable = false;
  // Its head: the first key, and whether that key's list is open.
  private head: Head = 'done';
  private keyParts: Buffer[] | undefined;
  private keyFrom = 0;
  private key = '';
  private listOpen = false;
  // The list element in progress, and those completed while the document was still kept whole.
  private elemParts: Buffer[] = [];
  private elemBytes = 0;
  private elemStarted = false;
  private elemTooLong = false;
  private elemIndex = 0;
  private completed: Buffer[] = [];

  constructor(
    private readonly ref: DocumentRef,
    private readonly ctx: ReadContext,
  ) {}

  /** Scans one chunk; returns the records it completed. */
  push(chunk: Buffer): RawRecord[] {
    this.out = [];
    let segment = 0;
    let elemFrom = this.elemStarted ? 0 : -1;
    if (this.keyParts !== undefined) this.keyFrom = 0;
    // Next backslash at or after the scan (-1: none left in this chunk; -2: not looked for yet).
    let nextEscape = -2;
    for (let i = 0; i < chunk.length; i++) {
      if (this.inString && !this.escaped) {
        // Most bytes of a document are inside strings: jump to the next quote or backslash with indexOf
        // (native) instead of looking at each byte in JavaScript.
        if (nextEscape !== -1 && nextEscape < i) nextEscape = chunk.indexOf(0x5c, i);
        const quote = chunk.indexOf(0x22, i);
        const stop = quote === -1 ? nextEscape : nextEscape === -1 ? quote : Math.min(quote, nextEscape);
        if (stop === -1) break;
        i = stop;
      }
      const c = chunk[i];
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (c === 0x5c) this.escaped = true;
        else if (c === 0x22) {
          this.inString = false;
          if (this.keyParts !== undefined) {
            this.key = Buffer.concat([...this.keyParts, chunk.subarray(this.keyFrom, i)]).toString('utf8');
            this.keyParts = undefined;
            this.head = 'colon';
          }
        }
        continue;
      }
      if (c === 0x0a) this.line++;
      if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) continue;
      if (this.depth === 0) {
        if (c !== 0x7b && c !== 0x5b) continue; // stray bytes between documents are not JSON: skipped
        segment = i;
        this.startLine = this.line;
        this.head = c === 0x7b ? 'open' : 'done';
      }
      if (this.listOpen && this.depth === 2) {
        if (c === 0x2c || c === 0x5d) {
          if (this.elemStarted) this.endElement(elemFrom === -1 ? undefined : chunk.subarray(elemFrom, i));
          elemFrom = -1;
          if (c === 0x5d) this.listOpen = false;
        } else if (!this.elemStarted) {
          this.elemStarted = true;
          elemFrom = i;
        }
      }
      this.trackHead(c, i);
      if (c === 0x22) this.inString = true;
      else if (c === 0x7b || c === 0x5b) this.depth++;
      else if (c === 0x7d || c === 0x5d) {
        this.depth--;
        if (this.depth === 0) {
          this.keep(chunk.subarray(segment, i + 1));
          this.endDocument();
        }
      }
    }
    if (this.depth > 0) this.keep(chunk.subarray(segment));
    if (this.keyParts !== undefined) this.keyParts.push(chunk.subarray(this.keyFrom));
    if (this.elemStarted && elemFrom !== -1) this.keepElement(chunk.subarray(elemFrom));
    return this.out;
  }

  /** Ends the object: an unfinished document or element is kept as a record (it will not classify: kept for replay). */
  finish(): RawRecord[] {
    this.out = [];
    if (this.depth > 0 && !this.split) this.emitWhole();
    else if (this.depth > 0 && this.elemStarted && !this.elemTooLong) this.emit(Buffer.concat(this.elemParts), `${this.startLine}:${this.key}[${this.elemIndex}]`);
    return this.out;
  }

  private trackHead(c: number, i: number): void {
    if (this.head === 'open') this.head = 'key';
    else if (this.head === 'key') {
      if (c === 0x22 && this.depth === 1) {
        this.keyParts = [];
        this.keyFrom = i + 1;
      } else this.head = 'done';
    } else if (this.head === 'colon') this.head = c === 0x3a ? 'list' : 'done';
    else if (this.head === 'list') {
      this.head = 'done';
      this.listOpen = c === 0x5b && this.depth === 1;
      this.elemIndex = 0;
    }
  }

  private keep(bytes: Buffer): void {
    if (this.split || bytes.length === 0) return;
    this.parts.push(bytes);
    this.bytes += bytes.length;
    if (this.bytes > this.ctx.limits.maxDocumentBytes) this.goSplit();
  }

  /** The document passed the cap: from now on each element of its list is a record of its own. */
  private goSplit(): void {
    this.split = true;
    this.parts = [];
    this.bytes = 0;
    const completed = this.completed;
    this.completed = [];
    const at = `${this.ref.name}: the JSON document at line ${this.startLine} is larger than ${this.ctx.limits.maxDocumentBytes} bytes (limit maxDocumentBytes)`;
    if (!this.listOpen && completed.length === 0) {
      this.unsplittable = true;
      this.ctx.report({ level: 'error', code: 'TooLarge', reason: `${at} and its first key holds no list to split`, source: this.ref.source });
      return;
    }
    this.ctx.report({ level: 'info', code: 'Skipped', reason: `${at}: read element by element of "${this.key}"`, source: this.ref.source });
    completed.forEach((element, index) => this.emitElement(element, index));
  }

  private keepElement(bytes: Buffer): void {
    if (this.elemTooLong) return;
    this.elemParts.push(bytes);
    this.elemBytes += bytes.length;
    if (this.elemBytes <= this.ctx.limits.maxLineBytes) return;
    this.elemTooLong = true;
    this.ctx.report({
      level: 'error',
      code: 'LineTooLong',
      reason: `${this.ref.name}: element ${this.elemIndex} of "${this.key}" (document at line ${this.startLine}) is longer than ${this.ctx.limits.maxLineBytes} bytes (limit maxLineBytes)`,
      source: this.ref.source,
      preview: preview(this.elemParts[0]),
    });
    this.elemParts = [];
  }

  private endElement(tail: Buffer | undefined): void {
    if (tail !== undefined) this.keepElement(tail);
    const element = this.elemTooLong ? undefined : trimEnd(Buffer.concat(this.elemParts));
    const index = this.elemIndex++;
    this.elemStarted = false;
    this.elemTooLong = false;
    this.elemParts = [];
    this.elemBytes = 0;
    if (element === undefined) return;
    if (!this.split) this.completed.push(element);
    else if (!this.unsplittable) this.emitElement(element, index);
  }

  private endDocument(): void {
    if (!this.split) this.emitWhole();
    this.parts = [];
    this.bytes = 0;
    this.completed = [];
    this.split = false;
    this.unsplittable = false;
    this.listOpen = false;
    this.key = '';
  }

  private emitWhole(): void {
    const lines = this.startLine === this.line ? `${this.line}` : `${this.startLine}-${this.line}`;
    this.emit(Buffer.concat(this.parts), lines);
  }

  private emitElement(element: Buffer, index: number): void {
    const open = Buffer.from(`{${JSON.stringify(this.key)}:[`);
    this.emit(Buffer.concat([open, element, CLOSE]), `${this.startLine}:${this.key}[${index}]`);
  }

  private emit(bytes: Buffer, lines: string): void {
    const base = this.ref.source.location;
    const source = { ...this.ref.source, location: base === undefined ? `line ${lines}` : `${base}:${lines}` };
    if (!isValidUtf8(bytes)) {
      this.ctx.report({ level: 'error', code: 'InvalidUtf8', reason: `${this.ref.name}: ${lines} is not valid UTF-8`, source, preview: preview(bytes) });
      return;
    }
    const text = bytes.toString('utf8');
    this.out.push({ data: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, source });
  }
}

const CLOSE = Buffer.from(']}');

function trimEnd(bytes: Buffer): Buffer {
  let end = bytes.length;
  while (end > 0 && (bytes[end - 1] === 0x20 || bytes[end - 1] === 0x0a || bytes[end - 1] === 0x0d || bytes[end - 1] === 0x09)) end--;
  return bytes.subarray(0, end);
}

/**
 * Reads an object of list documents in batches (one per chunk); problems are reported, never thrown (a
 * stream error propagates to the caller, which reports it). `progress.lines` follows the lines scanned.
 */
export async function* readListDocuments(
  chunks: AsyncIterable<Buffer>,
  ref: DocumentRef,
  ctx: ReadContext,
  progress: { lines: number },
): AsyncGenerator<RawRecord[]> {
  const splitter = new DocumentSplitter(ref, ctx);
  for await (const chunk of chunks) {
    const out = splitter.push(chunk);
    progress.lines = splitter.line;
    if (out.length > 0) yield out;
  }
  const rest = splitter.finish();
  if (rest.length > 0) yield rest;
}
