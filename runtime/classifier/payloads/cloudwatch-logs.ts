/**
 * CloudWatch Logs subscription payloads delivered to Lambda: `{"awslogs": {"data": <base64 gzip JSON>}}`.
 * Each `logEvents[*].message` is a record whose resource is the log group; a CONTROL_MESSAGE (sent when
 * the subscription is created) is skipped. Payloads arriving through Kinesis are read by the Kinesis
 * reader instead, whole, because StreamAlert's `cloudwatch:*` schemas (and `streamalert:errors`) expect
 * the envelope there; only a CONTROL_MESSAGE is skipped there too.
 */
import type { RawRecord, RecordSource } from '../types';
import { detectCompression, inflateBuffer, inMemoryInflateCap, preview } from './bytes';
import { isObject, objectAt, stringAt, type JsonObject } from './shape';
import type { ReadContext } from './types';

/** True for a CloudWatch Logs subscription payload. */
export function isCloudWatchLogsPayload(event: JsonObject): boolean {
  const awslogs = objectAt(event, 'awslogs');
  return awslogs !== undefined && typeof awslogs.data === 'string';
}

/** Reads the log events of one subscription payload. */
export function readCloudWatchLogs(event: JsonObject, ctx: ReadContext): RawRecord[] {
  const data = String(objectAt(event, 'awslogs')?.data);
  const compressed = Buffer.from(data, 'base64');
  const compression = detectCompression(compressed);
  let bytes: Buffer = compressed;
  if (compression !== 'none') {
    const inflated = inflateBuffer(compressed, compression, inMemoryInflateCap(ctx.limits));
    if (!inflated.ok) {
      ctx.report({ level: 'error', code: inflated.code, reason: `cloudwatch logs payload: ${inflated.reason}`, preview: preview(data) });
      return [];
    }
    bytes = inflated.value;
  }
  let payload: unknown;
  try {
    payload = JSON.parse(bytes.toString('utf8'));
  } catch {
    ctx.report({ level: 'error', code: 'Malformed', reason: 'cloudwatch logs payload: awslogs.data is not gzip JSON', preview: preview(bytes) });
    return [];
  }
  const group = isObject(payload) ? stringAt(payload, 'logGroup') : undefined;
  if (!isObject(payload) || group === undefined || !Array.isArray(payload.logEvents)) {
    ctx.report({ level: 'error', code: 'Malformed', reason: 'cloudwatch logs payload without logGroup or logEvents', preview: preview(bytes) });
    return [];
  }
  const stream = stringAt(payload, 'logStream') ?? '';
  const base: RecordSource = { service: 'cloudwatch_logs', resource: group, location: stream };
  if (payload.messageType === 'CONTROL_MESSAGE') {
    ctx.report({ level: 'info', code: 'Skipped', reason: `cloudwatch logs ${group}: CONTROL_MESSAGE, nothing to read`, source: base });
    return [];
  }
  const records: RawRecord[] = [];
  for (const [index, logEvent] of payload.logEvents.entries()) {
    const message = isObject(logEvent) ? logEvent.message : undefined;
    const location = `${stream}/${isObject(logEvent) && typeof logEvent.id === 'string' ? logEvent.id : index}`;
    if (typeof message !== 'string') {
      ctx.report({ level: 'error', code: 'Malformed', reason: `cloudwatch logs ${group} ${location}: log event without a message`, source: { ...base, location } });
      continue;
    }
    records.push({ data: message, source: { ...base, location } });
  }
  return records;
}
