/** Kinesis Data Streams records: base64 data, optionally gzip or zlib compressed (told by content). */
import type { RawRecord, RecordSource } from '../types';
import { detectCompression, inflateBuffer, isValidUtf8, preview } from './bytes';
import { nameFromArn, objectAt, stringAt, type JsonObject } from './shape';
import type { ReadContext } from './types';

/** Reads one `aws:kinesis` event record as one raw record (its decoded data). */
export function readKinesisRecord(record: JsonObject, ctx: ReadContext): RawRecord[] {
  const kinesis = objectAt(record, 'kinesis');
  const stream = nameFromArn(stringAt(record, 'eventSourceARN'), 'stream');
  const data = kinesis && stringAt(kinesis, 'data');
  if (kinesis === undefined || stream === undefined || data === undefined) {
    ctx.report({ level: 'error', code: 'Malformed', reason: 'kinesis record without eventSourceARN or kinesis.data, not read' });
    return [];
  }
  const source: RecordSource = { service: 'kinesis', resource: stream, location: stringAt(kinesis, 'sequenceNumber') ?? stringAt(record, 'eventID') };
  const where = `kinesis ${stream} ${source.location ?? ''}`.trimEnd();
  let bytes: Buffer = Buffer.from(data, 'base64');
  const compression = detectCompression(bytes);
  if (compression !== 'none') {
    const inflated = inflateBuffer(bytes, compression, ctx.limits.maxInflatedBytes);
    if (!inflated.ok) {
      // A plain text record may start with bytes that look like a zlib header ("x^"): keep it as text.
      if (!(compression === 'zlib' && inflated.code === 'Decompress' && isValidUtf8(bytes))) {
        ctx.report({ level: 'error', code: inflated.code, reason: `${where}: ${inflated.reason}`, source, preview: preview(data) });
        return [];
      }
    } else {
      bytes = inflated.value;
    }
  }
  return textRecord(bytes, source, where, ctx);
}

/** One in-memory payload as one record: empty and binary payloads are reported, not yielded. */
export function textRecord(bytes: Buffer, source: RecordSource, where: string, ctx: ReadContext): RawRecord[] {
  if (bytes.length > ctx.limits.maxLineBytes) {
    ctx.report({ level: 'error', code: 'LineTooLong', reason: `${where}: record is ${bytes.length} bytes, longer than ${ctx.limits.maxLineBytes} (limit maxLineBytes)`, source, preview: preview(bytes) });
    return [];
  }
  const text = bytes.toString('utf8').trim();
  if (text === '') {
    ctx.report({ level: 'warn', code: 'Empty', reason: `${where}: empty record, skipped`, source });
    return [];
  }
  if (bytes.includes(0)) {
    ctx.report({ level: 'error', code: 'NotText', reason: `${where}: record holds binary data (NUL bytes)`, source, preview: preview(bytes) });
    return [];
  }
  if (!isValidUtf8(bytes)) {
    ctx.report({ level: 'error', code: 'InvalidUtf8', reason: `${where}: record is not valid UTF-8`, source, preview: preview(bytes) });
    return [];
  }
  return [{ data: text, source }];
}
