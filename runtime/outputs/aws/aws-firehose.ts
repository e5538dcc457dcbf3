/** aws-firehose: puts each alert as one JSON line on the descriptor's delivery stream. */
import { registerOutput } from '../registry';
import type { OutputService } from '../types';
import { clientCache, deadline, publicationText, sdkFailure } from './common';

type FirehoseSdk = typeof import('../../firehose/firehose-sdk.lazy');

/** Largest Firehose record (https://docs.aws.amazon.com/firehose/latest/dev/limits.html): 1,000 KiB. */
export const FIREHOSE_RECORD_MAX_BYTES = 1000 * 1024;

const firehose = clientCache(async (region) => {
  const sdk: FirehoseSdk = await import('../../firehose/firehose-sdk.lazy');
  return { sdk, client: new sdk.FirehoseClient({ region }) };
});

/** The aws-firehose output. */
export const awsFirehoseOutput: OutputService = {
  service: 'aws-firehose',
  properties: [],
  resourceInConfig: true,
  async send(_alert, ctx) {
    const stream = ctx.resource;
    if (!stream) return { ok: false, retryable: false, error: `aws-firehose:${ctx.descriptor}: no delivery stream in outputs.json` };
    const data = Buffer.from(`${publicationText(ctx.publication)}\n`);
    if (data.length > FIREHOSE_RECORD_MAX_BYTES) {
      return { ok: false, retryable: false, error: `aws-firehose:${ctx.descriptor}: alert is ${data.length} bytes, over Firehose's ${FIREHOSE_RECORD_MAX_BYTES}-byte record limit` };
    }
    try {
      const { sdk, client } = await firehose(ctx.account.region);
      // PutRecordBatch with one record: the rule processor's lazy Firehose module already has it.
      const out = await client.send(new sdk.PutRecordBatchCommand({ DeliveryStreamName: stream, Records: [{ Data: data }] }), { abortSignal: deadline(ctx.timeoutMs) });
      const failed = out.RequestResponses?.[0];
      if ((out.FailedPutCount ?? 0) > 0 || failed?.ErrorCode !== undefined) {
        return { ok: false, retryable: true, error: `PutRecordBatch ${stream}: ${failed?.ErrorCode ?? 'refused'}: ${failed?.ErrorMessage ?? ''}`.trim() };
      }
      return { ok: true, detail: `${stream} ${failed?.RecordId ?? ''}`.trim() };
    } catch (err) {
      return sdkFailure(`PutRecordBatch ${stream}`, err, ctx.timeoutMs);
    }
  },
};

registerOutput(awsFirehoseOutput);
