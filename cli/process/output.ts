/**
 * What `streamalert process` writes, and how: each classified record, alert or unclassified record is one JSON
 * line, gathered into blocks so that stdout gets one write per block instead of one per record (the write
 * system call per line was the largest cost of a run; see bench/README.md).
 */
import type { ClassifiedRecord, RawRecord, UnclassifiedRecord } from '../../runtime/classifier';
import { safeStringify } from '../../runtime/json';

/** Lines gathered before a block is handed on. */
export const BLOCK_BYTES = 256 * 1024;

/** Gathers lines into blocks of about {@link BLOCK_BYTES}; `emit` receives each block without its last newline. */
export class LineBlocks {
  private lines: string[] = [];
  private size = 0;

  constructor(
    private readonly emit: (block: string) => void,
    private readonly blockBytes = BLOCK_BYTES,
  ) {}

  push(line: string): void {
    this.lines.push(line);
    // String length counts UTF-16 units, not bytes: close enough to size a block.
    this.size += line.length + 1;
    if (this.size >= this.blockBytes) this.flush();
  }

  flush(): void {
    if (this.lines.length === 0) return;
    const block = this.lines.join('\n');
    this.lines = [];
    this.size = 0;
    this.emit(block);
  }
}

/** The stdout line of a classified record. */
export function classifiedLine(record: ClassifiedRecord): string {
  // The native stringify first; a record nested past its recursion limit is still written (iteratively).
  return safeStringify({ log_type: record.log_type, record: record.record, normalized: record.normalized, source: record.source });
}

/** An unclassified record for replay: the whole raw data (not cut short), its source and why it failed. */
export function unclassifiedLine(record: UnclassifiedRecord, raw: RawRecord): string {
  const data = typeof raw.data === 'string' ? raw.data : safeStringify(raw.data);
  return safeStringify({ ...record, data });
}

/** A record on which a step threw, for replay: its whole raw data, source and the reason. */
export function failedLine(raw: RawRecord, reason: string): string {
  const data = typeof raw.data === 'string' ? raw.data : safeStringify(raw.data);
  return safeStringify({ data, data_bytes: Buffer.byteLength(data), source: raw.source, candidates: [], reason });
}
