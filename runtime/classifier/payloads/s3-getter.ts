/**
 * The default {@link ObjectGetter}: S3 GetObject on one S3 client. Both the SDK module and the client are
 * loaded on first use, from a lazy module (its own file in the Lambda zip): `@aws-sdk/client-s3` takes
 * hundreds of milliseconds to parse and evaluate, which a cold start that reads no S3 object (Kinesis, SNS,
 * SQS, apps) should not pay.
 */
import type { Readable } from 'node:stream';
import type { ObjectGetter } from './types';

type S3Sdk = typeof import('./s3-sdk.lazy');

let client: Promise<{ readonly s3: InstanceType<S3Sdk['S3Client']>; readonly sdk: S3Sdk }> | undefined;

/**
 * The shared S3 client. With a custom endpoint (`AWS_ENDPOINT_URL`, tests and local stacks) it uses
 * path-style addressing, since bucket names with dots make an invalid virtual-host URL on an IP address.
 */
function s3Client(): NonNullable<typeof client> {
  client ??= import('./s3-sdk.lazy').then((sdk) => ({
    sdk,
    s3: new sdk.S3Client({ forcePathStyle: Boolean(process.env.AWS_ENDPOINT_URL_S3 ?? process.env.AWS_ENDPOINT_URL) }),
  }));
  return client;
}

/** Reads an object's body as a stream with S3 GetObject; an object without a body reads as empty. */
export const getS3Object: ObjectGetter = async (bucket, key) => {
  const { s3, sdk } = await s3Client();
  const output = await s3.send(new sdk.GetObjectCommand({ Bucket: bucket, Key: key }));
  return (output.Body as Readable | undefined) ?? emptyBody();
};

async function* emptyBody(): AsyncGenerator<Uint8Array> {}

/** Forgets the shared client (tests). */
export function resetS3Client(): void {
  client = undefined;
}
