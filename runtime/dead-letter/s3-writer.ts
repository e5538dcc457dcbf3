/**
 * The default {@link DeadLetterWriter}: S3 PutObject on one S3 client per container. The SDK is loaded on the
 * first write from the lazy module the S3 reader uses (its own file in the Lambda zip), so a cold start, and
 * every invocation with nothing to keep, pays nothing for it.
 */
import { DEAD_LETTER_BUCKET_ENV } from '../config/names';
import type { DeadLetterWriter } from './types';

type S3Sdk = typeof import('../classifier/payloads/s3-sdk.lazy');

let client: Promise<{ readonly s3: InstanceType<S3Sdk['S3Client']>; readonly sdk: S3Sdk }> | undefined;

/** The shared client; path-style with a custom endpoint (`AWS_ENDPOINT_URL`, tests and local stacks). */
function s3Client(): NonNullable<typeof client> {
  client ??= import('../classifier/payloads/s3-sdk.lazy').then((sdk) => ({
    sdk,
    s3: new sdk.S3Client({ forcePathStyle: Boolean(process.env.AWS_ENDPOINT_URL_S3 ?? process.env.AWS_ENDPOINT_URL) }),
  }));
  return client;
}

/** Writes dead-letter objects (gzip JSON lines) into `bucket` with S3 PutObject. */
export function s3DeadLetterWriter(bucket: string): DeadLetterWriter {
  return {
    destination: `s3://${bucket}`,
    async put(key, body) {
      const { s3, sdk } = await s3Client();
      await s3.send(
        new sdk.PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentType: 'application/x-ndjson', ContentEncoding: 'gzip' }),
      );
    },
  };
}

/** The S3 writer of the bucket named by `DEAD_LETTER_BUCKET`, or undefined when it is unset (local runs). */
export function deadLetterWriterFromEnv(env: NodeJS.ProcessEnv = process.env): DeadLetterWriter | undefined {
  const bucket = env[DEAD_LETTER_BUCKET_ENV]?.trim();
  // Only inside Lambda: `lambda test` and `process` load the same handler locally, and a developer's shell
  // that happens to export DEAD_LETTER_BUCKET must not make them write to S3 (the Firehose sender does the same).
  const inLambda = Boolean(env.AWS_LAMBDA_FUNCTION_NAME);
  return bucket && inLambda ? s3DeadLetterWriter(bucket) : undefined;
}

/** Forgets the shared client (tests). */
export function resetDeadLetterClient(): void {
  client = undefined;
}
