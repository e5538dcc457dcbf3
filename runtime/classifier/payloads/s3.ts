/** S3 objects named by S3 event notifications (direct, or delivered through SNS or SQS). */
import { errorMessage } from '../../errors';
import type { RawRecord, RecordSource } from '../types';
import { readObject } from './object-reader';
import { isObject, objectAt, stringAt, type JsonObject } from './shape';
import type { ReadContext } from './types';

/** One object named by a notification. */
export interface S3ObjectRef {
  readonly bucket: string;
  /** URL-decoded key. */
  readonly key: string;
  /** Size from the notification, when given. */
  readonly size?: number;
}

/**
 * Decodes a key as S3 notifications write it: URL-encoded with `+` for a space
 * (https://docs.aws.amazon.com/AmazonS3/latest/userguide/notification-content-structure.html).
 * A key with a malformed escape is kept as written.
 */
export function decodeS3Key(key: string): string {
  const spaced = key.replace(/\+/g, ' ');
  try {
    return decodeURIComponent(spaced);
  } catch {
    return spaced;
  }
}

/** True for an S3 event notification document (`{"Records": [{"eventSource": "aws:s3", ...}]}`). */
export function isS3Notification(value: unknown): value is { Records: unknown[] } {
  return (
    isObject(value) &&
    Array.isArray(value.Records) &&
    value.Records.length > 0 &&
    value.Records.every((r) => isObject(r) && stringAt(r, 'eventSource') === 'aws:s3')
  );
}

/** True for the `s3:TestEvent` that S3 sends when a notification is configured. */
export function isS3TestEvent(value: unknown): boolean {
  return isObject(value) && value.Event === 's3:TestEvent';
}

/** Reads the objects of every record of an S3 notification. */
export async function* readS3Notification(notification: { Records: unknown[] }, ctx: ReadContext): AsyncGenerator<RawRecord[]> {
  for (const record of notification.Records) {
    if (isObject(record)) yield* readS3Record(record, ctx);
  }
}

/** Reads the object named by one `aws:s3` event record. */
export async function* readS3Record(record: JsonObject, ctx: ReadContext): AsyncGenerator<RawRecord[]> {
  const s3 = objectAt(record, 's3');
  const bucket = s3 && objectAt(s3, 'bucket');
  const object = s3 && objectAt(s3, 'object');
  const name = bucket && stringAt(bucket, 'name');
  const key = object && stringAt(object, 'key');
  if (name === undefined || key === undefined) {
    ctx.report({ level: 'error', code: 'Malformed', reason: 's3 record without s3.bucket.name or s3.object.key, not read' });
    return;
  }
  const ref: S3ObjectRef = { bucket: name, key: decodeS3Key(key), size: typeof object?.size === 'number' ? object.size : undefined };
  const eventName = stringAt(record, 'eventName') ?? '';
  if (eventName.startsWith('ObjectRemoved')) {
    ctx.report({ level: 'info', code: 'Skipped', reason: `s3://${ref.bucket}/${ref.key}: ${eventName} event, nothing to read`, source: sourceOf(ref) });
    return;
  }
  yield* readS3Object(ref, ctx);
}

/** Fetches one object through the context's getter and streams its records. */
export async function* readS3Object(ref: S3ObjectRef, ctx: ReadContext): AsyncGenerator<RawRecord[]> {
  const source = sourceOf(ref);
  const name = `s3://${ref.bucket}/${ref.key}`;
  const refused = ctx.beforeFetch?.(source);
  if (refused !== undefined) {
    ctx.report({ level: 'error', code: 'UnknownSource', reason: `${name}: ${refused}`, source });
    return;
  }
  if (ref.size === 0) {
    ctx.report({ level: 'warn', code: 'Empty', reason: `${name}: empty object, skipped`, source });
    return;
  }
  let body: AsyncIterable<Uint8Array | string>;
  try {
    body = await ctx.getObject()(ref.bucket, ref.key);
  } catch (err) {
    const kind = err instanceof Error && err.name !== 'Error' ? `${err.name}: ` : '';
    const retry = isPermanentS3Error(err) ? {} : { retry: true as const };
    ctx.report({ level: 'error', code: 'FetchFailed', reason: `${name}: could not be fetched: ${kind}${errorMessage(err)}`, source, ...retry });
    return;
  }
  yield* readObject(body, { source, name }, ctx);
}

/** S3 errors that reading again cannot fix: the object or bucket is gone. Anything else is retried. */
const PERMANENT_S3_ERRORS = new Set(['NoSuchKey', 'NoSuchBucket', 'InvalidObjectState', 'NotFound']);

/**
 * True when GetObject failed for good. Throttling (503 SlowDown), 5xx, timeouts, resets, and also access
 * or KMS errors are transient here: a retry (or the on-failure destination's replay, once the policy is
 * fixed) can read the object, so the event must not be dropped.
 */
export function isPermanentS3Error(err: unknown): boolean {
  const name = err instanceof Error ? err.name : (err as { name?: unknown } | null)?.name;
  const status = (err as { $metadata?: { httpStatusCode?: unknown } } | null)?.$metadata?.httpStatusCode;
  return (typeof name === 'string' && PERMANENT_S3_ERRORS.has(name)) || status === 404;
}

function sourceOf(ref: S3ObjectRef): RecordSource {
  return { service: 's3', resource: ref.bucket, location: ref.key };
}
