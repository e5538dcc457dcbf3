/**
 * Collects the dead letters of one invocation as JSON lines, up to a size bound: an entry that does not fit
 * is counted as dropped (the caller logs the count at ERROR; the record is still in its own log line).
 */
import type { ReadIssue } from '../classifier/payloads';
import type { RawRecord, UnclassifiedRecord } from '../classifier/types';
import { safeStringify } from '../json';
import type { RefusedRecord } from '../firehose/types';
import type { DeadLetterEntry } from './types';

/** Most uncompressed bytes of JSON lines in one dead-letter object. */
export const MAX_DEAD_LETTER_BYTES = 64 * 1024 * 1024;

/** A dead-letter object in progress. */
export interface DeadLetterCollector {
  /** `rejected`: the record is one the matching schema rejected within `raw` (see `createBatch`). */
  unclassified(record: UnclassifiedRecord, raw: RawRecord, rejected?: boolean): void;
  failedRead(issue: ReadIssue): void;
  /** A record on which a step threw after it was read, kept whole with the reason. */
  failedRecord(raw: RawRecord, reason: string): void;
  /** A classified record Firehose did not take. */
  firehoseFailed(refused: RefusedRecord): void;
  /** The JSON lines kept, each without its newline. */
  lines(): readonly string[];
  /** Uncompressed bytes of the kept lines, newlines included. */
  bytes(): number;
  /** Entries that did not fit under the bound. */
  dropped(): number;
}

/** Starts a collector bounded to `maxBytes` uncompressed bytes. */
export function createDeadLetterCollector(maxBytes = MAX_DEAD_LETTER_BYTES): DeadLetterCollector {
  const kept: string[] = [];
  let bytes = 0;
  let dropped = 0;
  const add = (entry: DeadLetterEntry): void => {
    const line = safeStringify(entry);
    const size = Buffer.byteLength(line, 'utf8') + 1;
    if (bytes + size > maxBytes) {
      dropped += 1;
      return;
    }
    kept.push(line);
    bytes += size;
  };
  return {
    unclassified: (record, raw, rejected = false) => add(unclassifiedEntry(record, raw, rejected)),
    failedRead: (issue) => add(failedReadEntry(issue)),
    failedRecord: (raw, reason) => add({ kind: 'failed_record', source: raw.source, reason, candidates: [], ...rawData(raw.data) }),
    firehoseFailed: (refused) =>
      add({
        kind: 'firehose_failed',
        data: Buffer.from(refused.line.buffer, refused.line.byteOffset, refused.line.byteLength).toString('utf8').trimEnd(),
        reason: `firehose did not take the record (${refused.code})`,
        code: refused.code,
        stream: refused.stream,
        candidates: [],
      }),
    lines: () => kept,
    bytes: () => bytes,
    dropped: () => dropped,
  };
}

/** The entry of an unclassified record, with the whole raw data (the classifier's copy is cut short). */
export function unclassifiedEntry(record: UnclassifiedRecord, raw: RawRecord, rejected: boolean): DeadLetterEntry {
  const base = { kind: 'unclassified' as const, source: record.source, reason: record.reason, candidates: record.candidates };
  if (!rejected) return { ...base, ...rawData(raw.data) };
  // A sub-record the schema rejected (one of CloudTrail's Records[*]): its own JSON text, when the classifier's
  // copy is whole; else the whole payload, so that nothing is lost.
  if (Buffer.byteLength(record.data, 'utf8') === record.data_bytes) return { ...base, data: record.data };
  return { ...base, ...rawData(raw.data), whole_payload: true };
}

/** The entry of a read failure: no record was read, so its data is the preview (the first bytes), if any. */
export function failedReadEntry(issue: ReadIssue): DeadLetterEntry {
  return { kind: 'failed_read', data: issue.preview ?? null, source: issue.source, reason: issue.reason, candidates: [], code: issue.code };
}

function rawData(data: unknown): Pick<DeadLetterEntry, 'data' | 'encoding'> {
  if (data instanceof Uint8Array) return { data: Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('base64'), encoding: 'base64' };
  return { data };
}
