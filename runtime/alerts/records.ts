/**
 * Alert records too large for a DynamoDB item live in the data bucket under `alerts/records/` (SSE-KMS with
 * the bucket's key); the item keeps their key. Dead-lettered alerts go under `alerts/dead-letter/`.
 */
import { ALERT_DEAD_LETTER_PREFIX, ALERT_RECORDS_PREFIX } from '../config/names';
import type { AlertKey } from './types';
import { safeStringify } from '../json';

type S3Sdk = typeof import('../classifier/payloads/s3-sdk.lazy');
type S3Handle = { readonly s3: InstanceType<S3Sdk['S3Client']>; readonly sdk: S3Sdk };
const clients = new Map<string, Promise<S3Handle>>();

function s3Client(region?: string): Promise<S3Handle> {
  let found = clients.get(region ?? '');
  if (found === undefined) {
    found = import('../classifier/payloads/s3-sdk.lazy').then((sdk) => ({
      sdk,
      s3: new sdk.S3Client({ forcePathStyle: Boolean(process.env.AWS_ENDPOINT_URL_S3 ?? process.env.AWS_ENDPOINT_URL), ...(region ? { region } : {}) }),
    }));
    clients.set(region ?? '', found);
  }
  return found;
}

/** Reads and writes JSON objects in the alerts' bucket. */
export interface AlertObjects {
  put(key: string, value: unknown): Promise<void>;
  get(key: string): Promise<unknown>;
}

const safe = (part: string): string => encodeURIComponent(part);

/** Key of an oversized alert's record: `alerts/records/<rule>/<alert id>.json`. */
export function recordKeyOf(key: AlertKey): string {
  return `${ALERT_RECORDS_PREFIX}${safe(key.rule_name)}/${safe(key.alert_id)}.json`;
}

/** Key of a dead-lettered alert: `alerts/dead-letter/dt=<day>/<rule>/<alert id>.json` (the day it was dead-lettered). */
export function deadLetterKeyOf(key: AlertKey, now: Date): string {
  return `${ALERT_DEAD_LETTER_PREFIX}dt=${now.toISOString().slice(0, 10)}/${safe(key.rule_name)}/${safe(key.alert_id)}.json`;
}

/** JSON objects in `bucket` (in `region`, the account region), written with SSE-KMS (the bucket's default key: the project key). */
export function s3AlertObjects(bucket: string, region?: string): AlertObjects {
  return {
    async put(key, value) {
      const { s3, sdk } = await s3Client(region);
      await s3.send(
        new sdk.PutObjectCommand({ Bucket: bucket, Key: key, Body: safeStringify(value), ContentType: 'application/json', ServerSideEncryption: 'aws:kms' }),
      );
    },
    async get(key) {
      const { s3, sdk } = await s3Client(region);
      const out = await s3.send(new sdk.GetObjectCommand({ Bucket: bucket, Key: key }));
      const text = (await out.Body?.transformToString('utf8')) ?? '';
      return JSON.parse(text) as unknown;
    },
  };
}

/** Forgets the shared client (tests). */
export function resetAlertObjectsClient(): void {
  clients.clear();
}
