/**
 * SNS and SQS messages. A message is one record, except an S3 event notification (its objects are read)
 * and, on SQS, an SNS envelope (the SNS message inside is used, as with raw message delivery off).
 */
import type { RawRecord, RecordSource } from '../types';
import { isS3Notification, isS3TestEvent, readS3Notification } from './s3';
import { isObject, nameFromArn, objectAt, stringAt, tryParseJson, type JsonObject } from './shape';
import type { ReadContext } from './types';

/** Reads one `aws:sns` event record. */
export async function* readSnsRecord(record: JsonObject, ctx: ReadContext): AsyncGenerator<RawRecord[]> {
  const sns = objectAt(record, 'Sns');
  const topic = sns && nameFromArn(stringAt(sns, 'TopicArn') ?? stringAt(record, 'EventSubscriptionArn'), 'topic');
  const message = sns && stringAt(sns, 'Message');
  if (sns === undefined || topic === undefined || message === undefined) {
    ctx.report({ level: 'error', code: 'Malformed', reason: 'sns record without Sns.TopicArn or Sns.Message, not read' });
    return;
  }
  const source: RecordSource = { service: 'sns', resource: topic, location: stringAt(sns, 'MessageId') };
  yield* readMessage(message, source, ctx);
}

/** Reads one `aws:sqs` event record. */
export async function* readSqsRecord(record: JsonObject, ctx: ReadContext): AsyncGenerator<RawRecord[]> {
  const queue = nameFromArn(stringAt(record, 'eventSourceARN'), 'queue');
  const body = stringAt(record, 'body');
  if (queue === undefined || body === undefined) {
    ctx.report({ level: 'error', code: 'Malformed', reason: 'sqs record without eventSourceARN or body, not read' });
    return;
  }
  const source: RecordSource = { service: 'sqs', resource: queue, location: stringAt(record, 'messageId') };
  const envelope = tryParseJson(body);
  const inner = isSnsEnvelope(envelope) ? envelope.Message : body;
  yield* readMessage(inner, source, ctx, inner === body ? envelope : undefined);
}

/** The JSON of an SNS notification as SQS receives it when raw message delivery is off. */
function isSnsEnvelope(value: unknown): value is { Message: string } {
  return isObject(value) && value.Type === 'Notification' && typeof value.Message === 'string' && typeof value.TopicArn === 'string';
}

/** One message: an S3 notification is unwrapped to its objects, anything else is one record. */
async function* readMessage(message: string, source: RecordSource, ctx: ReadContext, parsed?: unknown): AsyncGenerator<RawRecord[]> {
  const where = `${source.service} ${source.resource} ${source.location ?? ''}`.trimEnd();
  if (message.trim() === '') {
    ctx.report({ level: 'warn', code: 'Empty', reason: `${where}: empty message, skipped`, source });
    return;
  }
  const json = parsed ?? tryParseJson(message);
  if (isS3Notification(json)) {
    yield* readS3Notification(json, ctx);
    return;
  }
  if (isS3TestEvent(json)) {
    ctx.report({ level: 'info', code: 'Skipped', reason: `${where}: s3:TestEvent, nothing to read`, source });
    return;
  }
  yield [{ data: message, source }];
}
