/** aws-sqs: sends each alert as one JSON message to the descriptor's queue (name or URL in outputs.json). */
import { registerOutput } from '../registry';
import type { OutputService } from '../types';
import { clientCache, deadline, publicationText, sdkFailure } from './common';

type SqsSdk = typeof import('./output-sqs-sdk.lazy');

/** Largest SQS message this output sends (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/quotas-messages.html). */
export const SQS_MESSAGE_MAX_BYTES = 256 * 1024;

const sqs = clientCache(async (region) => {
  const sdk: SqsSdk = await import('./output-sqs-sdk.lazy');
  return { sdk, client: new sdk.SQSClient({ region }) };
});

/** The queue URL of a queue name or URL, in `region` of `account`. */
export function queueUrl(resource: string, region: string, account: string): string {
  if (/^https?:\/\//.test(resource)) return resource;
  const domain = region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com';
  return `https://sqs.${region}.${domain}/${account}/${resource}`;
}

/** The aws-sqs output. */
export const awsSqsOutput: OutputService = {
  service: 'aws-sqs',
  properties: [],
  resourceInConfig: true,
  async send(_alert, ctx) {
    if (!ctx.resource) return { ok: false, retryable: false, error: `aws-sqs:${ctx.descriptor}: no queue in outputs.json` };
    const url = queueUrl(ctx.resource, ctx.account.region, ctx.account.id);
    const body = publicationText(ctx.publication);
    const bytes = Buffer.byteLength(body);
    if (bytes > SQS_MESSAGE_MAX_BYTES) {
      return { ok: false, retryable: false, error: `aws-sqs:${ctx.descriptor}: alert is ${bytes} bytes, over the ${SQS_MESSAGE_MAX_BYTES}-byte message limit (a publisher can make it smaller)` };
    }
    try {
      const { sdk, client } = await sqs(ctx.account.region);
      const out = await client.send(new sdk.SendMessageCommand({ QueueUrl: url, MessageBody: body }), { abortSignal: deadline(ctx.timeoutMs) });
      return { ok: true, detail: out.MessageId };
    } catch (err) {
      return sdkFailure(`SendMessage ${url}`, err, ctx.timeoutMs);
    }
  },
};

registerOutput(awsSqsOutput);
