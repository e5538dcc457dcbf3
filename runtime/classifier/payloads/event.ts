/** Dispatches one Lambda event to the reader of its service. */
import type { RawRecord } from '../types';
import { isAppPayload, readAppPayload } from './app';
import { preview } from './bytes';
import { isCloudWatchLogsPayload, readCloudWatchLogs } from './cloudwatch-logs';
import { readKinesisRecord } from './kinesis';
import { readSnsRecord, readSqsRecord } from './messages';
import { readS3Record } from './s3';
import { getS3Object } from './s3-getter';
import { isObject, stringAt, type JsonObject } from './shape';
import { DEFAULT_READ_LIMITS, type EventItem, type PayloadReaderOptions, type ReadContext } from './types';

/** Resolves reader options once per event. */
export function readContext(options: PayloadReaderOptions): ReadContext {
  return {
    limits: { ...DEFAULT_READ_LIMITS, ...options.limits },
    report: options.onIssue,
    getObject: () => options.getObject ?? getS3Object,
    beforeFetch: options.beforeFetch,
  };
}

/**
 * Turns one Lambda event into raw records: a batch of Kinesis, S3, SNS or SQS records (mixed batches are
 * fine), a StreamAlert app payload, or a CloudWatch Logs subscription payload. Anything unreadable is
 * reported through `options.onIssue` and reading goes on with the next record; this never throws for bad input.
 */
export async function* readEvent(event: unknown, options: PayloadReaderOptions): AsyncGenerator<RawRecord> {
  for await (const batch of readEventBatches(event, options)) yield* batch;
}

/**
 * {@link readEvent} in batches (the records of one Kinesis record, SQS message, or S3 chunk): the same
 * records, with one await per batch instead of one per record, for callers that process many.
 */
export async function* readEventBatches(event: unknown, options: PayloadReaderOptions): AsyncGenerator<readonly RawRecord[]> {
  const ctx = readContext(options);
  if (!isObject(event)) {
    ctx.report({ level: 'error', code: 'Malformed', reason: `event is not a JSON object: ${preview(JSON.stringify(event) ?? String(event), 80)}` });
    return;
  }
  if (isAppPayload(event)) {
    yield readAppPayload(event, ctx);
  } else if (isCloudWatchLogsPayload(event)) {
    yield readCloudWatchLogs(event, ctx);
  } else if (Array.isArray(event.Records)) {
    for (const [index, record] of event.Records.entries()) yield* readEventRecord(record, index, ctx);
  } else {
    ctx.report({
      level: 'error',
      code: 'Malformed',
      reason: `event has no Records, streamalert_app or awslogs (keys: ${Object.keys(event).slice(0, 10).join(', ') || 'none'})`,
    });
  }
}

type RecordReader = (record: JsonObject, ctx: ReadContext) => AsyncIterable<RawRecord[]> | RawRecord[];

/** Readers by `eventSource`: a Map, so that a source named `constructor` or `__proto__` finds nothing. */
const READERS: ReadonlyMap<string, RecordReader> = new Map<string, RecordReader>([
  ['aws:kinesis', readKinesisRecord],
  ['aws:s3', readS3Record],
  ['aws:sns', readSnsRecord],
  ['aws:sqs', readSqsRecord],
]);

/** The event record a partial batch response would name (Kinesis sequence number, SQS message id). */
function eventItem(record: JsonObject, service: string): EventItem | undefined {
  switch (service) {
    case 'aws:kinesis': {
      const kinesis = isObject(record.kinesis) ? record.kinesis : undefined;
      return { service: 'kinesis', id: kinesis && stringAt(kinesis, 'sequenceNumber') };
    }
    case 'aws:sqs':
      return { service: 'sqs', id: stringAt(record, 'messageId') };
    case 'aws:s3':
      return { service: 's3' };
    case 'aws:sns':
      return { service: 'sns' };
    default:
      return undefined;
  }
}

async function* readEventRecord(record: unknown, index: number, ctx: ReadContext): AsyncGenerator<RawRecord[]> {
  // StreamAlert apps (theirs and ours) send `{"Records": [{"streamalert_app": ..., "logs": [...]}]}`.
  if (isObject(record) && isAppPayload(record)) {
    yield readAppPayload(record, ctx);
    return;
  }
  const service = isObject(record) ? (stringAt(record, 'eventSource') ?? stringAt(record, 'EventSource')) : undefined;
  const reader = service === undefined ? undefined : READERS.get(service);
  if (!isObject(record) || reader === undefined || service === undefined) {
    ctx.report({ level: 'error', code: 'Malformed', reason: `Records[${index}]: unsupported event source ${JSON.stringify(service ?? null)}` });
    return;
  }
  // Every issue of this event record names it, so a transient one can be retried alone.
  const item = eventItem(record, service);
  const tagged: ReadContext = item === undefined ? ctx : { ...ctx, report: (issue) => ctx.report({ ...issue, item }) };
  const records = reader(record, tagged);
  if (Array.isArray(records)) yield records;
  else yield* records;
}
