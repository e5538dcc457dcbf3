/**
 * Reads sample and dead-letter files with the same readers `streamalert process` uses (plain or gzip, JSON lines,
 * raw lines, or one whole JSON document) and hands over each raw record.
 */
import { readContext, readObject, type ReadIssue } from '../../runtime/classifier/payloads';
import type { RawRecord } from '../../runtime/classifier';
import { UsageError } from '../../runtime/errors';
import { openInput } from '../process/inputs';

const MIB = 1024 * 1024;

/** Options of {@link readRecords}. */
export interface ReadRecordsOptions {
  readonly files: readonly string[];
  readonly stdin?: AsyncIterable<Uint8Array | string>;
  /** Read problems (a corrupt gzip, an over-long line...), reported and skipped. */
  readonly onIssue: (issue: ReadIssue) => void;
  /** Longest line. Dead-letter lines carry whole records. @default the reader's default */
  readonly maxLineBytes?: number;
}

/**
 * Calls `onRecords` with each chunk of raw records of every input, in order.
 * @throws UsageError when no file is given or a file cannot be opened (all are checked first).
 */
export async function readRecords(options: ReadRecordsOptions, onRecords: (records: readonly RawRecord[], file: string) => void): Promise<void> {
  if (options.files.length === 0) throw new UsageError('no input files', 'pass one or more files, or - for stdin');
  const inputs = options.files.map((file) => openInput(file, options.stdin ?? process.stdin));
  const bad = inputs.flatMap((input) => (input.ok ? [] : [input.reason]));
  if (bad.length > 0) throw new UsageError(bad.join('; '));
  const limits = options.maxLineBytes === undefined ? {} : { maxLineBytes: options.maxLineBytes };
  const ctx = readContext({ onIssue: options.onIssue, limits: { maxInflatedBytes: 1024 * MIB, ...limits } });
  for (const input of inputs) {
    if (!input.ok) continue;
    const ref = { source: { service: 's3' as const, resource: input.name }, name: input.name };
    for await (const records of readObject(input.open(), ref, ctx)) onRecords(records, input.name);
  }
}

/** The JSON value of a raw record: already decoded, or parsed from its text; undefined for text that is not JSON. */
export function jsonOf(data: unknown): unknown {
  const text = typeof data === 'string' ? data : data instanceof Uint8Array ? Buffer.from(data).toString('utf8') : undefined;
  if (text === undefined) return data;
  const trimmed = text.trimStart();
  if (!trimmed.startsWith('{') && !trimmed.startsWith('[')) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
