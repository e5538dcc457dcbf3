/**
 * aws-s3: writes each alert as one JSON object in the descriptor's bucket. The key comes from the alert
 * (`alerts/dt=<day created>/<rule>/<alert id>.json`), so a resend overwrites the same object, never duplicates.
 */
import type { Alert } from '../../rules/types';
import { registerOutput } from '../registry';
import type { OutputService } from '../types';
import { clientCache, deadline, publicationText, sdkFailure } from './common';

type S3Sdk = typeof import('../../classifier/payloads/s3-sdk.lazy');

const s3 = clientCache(async (region) => {
  const sdk: S3Sdk = await import('../../classifier/payloads/s3-sdk.lazy');
  return { sdk, client: new sdk.S3Client({ region, forcePathStyle: Boolean(process.env.AWS_ENDPOINT_URL_S3 ?? process.env.AWS_ENDPOINT_URL) }) };
});

/** Object key of an alert: deterministic, so a resend overwrites. */
export function alertObjectKey(alert: Pick<Alert, 'alert_id' | 'rule_name' | 'created'>): string {
  return `alerts/dt=${alert.created.slice(0, 10)}/${encodeURIComponent(alert.rule_name)}/${alert.alert_id}.json`;
}

/** The aws-s3 output. */
export const awsS3Output: OutputService = {
  service: 'aws-s3',
  properties: [],
  resourceInConfig: true,
  async send(alert, ctx) {
    const bucket = ctx.resource;
    if (!bucket) return { ok: false, retryable: false, error: `aws-s3:${ctx.descriptor}: no bucket in outputs.json` };
    const key = alertObjectKey(alert);
    try {
      const { sdk, client } = await s3(ctx.account.region);
      await client.send(new sdk.PutObjectCommand({ Bucket: bucket, Key: key, Body: publicationText(ctx.publication), ContentType: 'application/json' }), {
        abortSignal: deadline(ctx.timeoutMs),
      });
      return { ok: true, detail: `s3://${bucket}/${key}` };
    } catch (err) {
      return sdkFailure(`PutObject s3://${bucket}/${key}`, err, ctx.timeoutMs);
    }
  },
};

registerOutput(awsS3Output);
