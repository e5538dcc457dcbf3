/**
 * S3 inputs of `streamalert process` (backtests over the data lake): `s3://bucket/prefix/` lists the objects
 * under the prefix, keeps those whose `dt=` partition (`YYYY-MM-DD` or `YYYY-MM-DD-HH`, as Firehose writes them)
 * falls in the `--since/--until` window, and reads each object's body only when the pipeline reaches it, as a
 * stream: memory stays that of the objects being read, whatever their number.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import { GetObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { UsageError, errorMessage } from '../../runtime/errors';
import type { Input } from './inputs';

/** The time window of partitions to read (either end open). */
export interface PartitionWindow {
  readonly since?: Date;
  readonly until?: Date;
}

/** `s3://bucket/prefix` -> its parts. @throws UsageError for anything else */
export function parseS3Url(url: string): { readonly bucket: string; readonly prefix: string } {
  const match = /^s3:\/\/([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])(?:\/(.*))?$/.exec(url);
  if (!match) throw new UsageError(`"${url}" is not an S3 location`, 'use s3://<bucket>/<prefix>/');
  return { bucket: match[1], prefix: match[2] ?? '' };
}

/** The start of the hour (or day) a `dt=` value names, in milliseconds, and its length; undefined when none. */
function partitionSpan(key: string): { readonly start: number; readonly length: number } | undefined {
  const match = /(?:^|\/)dt=(\d{4}-\d{2}-\d{2})(?:-(\d{2}))?\//.exec(key);
  if (!match) return undefined;
  const start = Date.parse(`${match[1]}T${match[2] ?? '00'}:00:00Z`);
  return Number.isNaN(start) ? undefined : { start, length: match[2] === undefined ? 86_400_000 : 3_600_000 };
}

/** Whether an object key's partition overlaps the window (keys without a `dt=` partition: only without a window). */
export function inWindow(key: string, window: PartitionWindow): boolean {
  if (window.since === undefined && window.until === undefined) return true;
  const span = partitionSpan(key);
  if (span === undefined) return false;
  if (window.since !== undefined && span.start + span.length <= window.since.getTime()) return false;
  if (window.until !== undefined && span.start > window.until.getTime()) return false;
  return true;
}

async function* objectBody(client: S3Client, bucket: string, key: string): AsyncGenerator<Uint8Array | string> {
  const out = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  const body = out.Body as AsyncIterable<Uint8Array> | undefined;
  if (body === undefined) return;
  yield* body;
}

/** The objects of `url` in the window, in key order (one unreadable input when listing fails). */
export async function listS3Inputs(url: string, window: PartitionWindow, client: S3Client): Promise<Input[]> {
  const { bucket, prefix } = parseS3Url(url);
  const inputs: Input[] = [];
  let token: string | undefined;
  try {
    do {
      const page = await client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ...(token ? { ContinuationToken: token } : {}) }));
      for (const object of page.Contents ?? []) {
        const key = object.Key ?? '';
        if (key === '' || key.endsWith('/') || !inWindow(key, window)) continue;
        inputs.push({ ok: true, name: `s3://${bucket}/${key}`, size: object.Size ?? 0, open: () => objectBody(client, bucket, key) });
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token !== undefined);
  } catch (err) {
    return [{ ok: false, name: url, reason: `${url}: cannot be listed (${errorMessage(err)})` }];
  }
  return inputs;
}
