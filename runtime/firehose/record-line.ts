/**
 * What a classified record looks like in the data bucket: one JSON line, newline-terminated (Firehose
 * concatenates records, and the Glue tables read newline-delimited JSON with the OpenX JSON SerDe).
 */
import type { ClassifiedRecord } from '../classifier/types';
import { safeStringify } from '../json';

/**
 * Key of the normalized values in a delivered record, as in StreamAlert, so Athena queries written for it
 * keep working. It is only written when the record has normalized values; the SerDe ignores keys that are
 * not columns.
 */
export const NORMALIZATION_KEY = 'streamalert_normalization';

const encoder = new TextEncoder();

/**
 * The record's line: the parsed record (its keys are the schema's, which the Glue columns mirror) plus
 * its normalized values under {@link NORMALIZATION_KEY}.
 */
export function encodeRecord(record: ClassifiedRecord): Uint8Array {
  const hasNormalized = Object.keys(record.normalized).length > 0;
  const body = hasNormalized ? { ...record.record, [NORMALIZATION_KEY]: record.normalized } : record.record;
  return encoder.encode(`${safeStringify(body)}\n`);
}
