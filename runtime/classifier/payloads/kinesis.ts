/** Kinesis Data Streams records: base64 data, optionally gzip or zlib compressed (told by content). */
import type { RawRecord, RecordSource } from '../types';
import { detectCompression, inflateBuffer, inMemoryInflateCap, isValidUtf8, preview } from './bytes';
import { isObject, nameFromArn, objectAt, stringAt, type JsonObject } from './shape';
import type { ReadContext } from './types';

/** Standard base64 (padding optional, whitespace tolerated), as Lambda writes `kinesis.data`. */
const BASE64 = /^[A-Za-z0-9+/\s]*={0,2}\s*$/;

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
  if (!BASE64.test(data)) {
    // Lambda always base64-encodes Kinesis data: anything else is a malformed event, kept (not skipped).
    ctx.report({ level: 'error', code: 'Malformed', reason: `${where}: kinesis.data is not base64`, source, preview: preview(data) });
    return [];
  }
  let bytes: Buffer = Buffer.from(data, 'base64');
  const compression = detectCompression(bytes);
  if (compression !== 'none') {
    const inflated = inflateBuffer(bytes, compression, inMemoryInflateCap(ctx.limits));
    if (!inflated.ok) {
      // A plain text record may start with bytes that look like a zlib header ("x^"): keep it as text.
      if (!(compression === 'zlib' && inflated.code === 'Decompress' && isValidUtf8(bytes))) {
        ctx.report({ level: 'error', code: inflated.code, reason: `${where}: ${inflated.reason}`, source, preview: preview(data) });
        return [];
      }
    } else {
      bytes = inflated.value;
      if (compression === 'gzip' && isControlMessage(bytes)) {
        ctx.report({ level: 'info', code: 'Skipped', reason: `${where}: CloudWatch Logs CONTROL_MESSAGE, nothing to read`, source });
        return [];
      }
    }
  }
  return textRecord(bytes, source, where, ctx);
}

/** Where a CloudWatch Logs envelope names its message type: it is the first key CloudWatch Logs writes. */
const CONTROL_MESSAGE_HEAD = /^\s*\{\s*"messageType"\s*:\s*"CONTROL_MESSAGE"/;

/**
 * A CloudWatch Logs subscription writes gzip JSON into a Kinesis destination, and a CONTROL_MESSAGE (a
 * health check, sent when the subscription is created) carries no log events. Data messages stay whole:
 * StreamAlert's `cloudwatch:*` schemas read their envelope (`json_path: logEvents[*].message`).
 * Only a record that starts like one is parsed, so other records cost one short regex test.
 */
function isControlMessage(bytes: Buffer): boolean {
  if (!CONTROL_MESSAGE_HEAD.test(bytes.toString('utf8', 0, 64))) return false;
  try {
    const envelope = JSON.parse(bytes.toString('utf8')) as unknown;
    return isObject(envelope) && envelope.messageType === 'CONTROL_MESSAGE' && Array.isArray(envelope.logEvents);
  } catch {
    return false;
  }
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
