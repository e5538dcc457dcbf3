/**
 * aws-sns: publishes each alert as JSON to the descriptor's topic (name or ARN in outputs.json). An alert
 * over SNS's 256 KB message limit is split, in order, into several messages, each carrying the message
 * attributes `alert_id`, `part` (1-based) and `parts`, so a subscriber can put it back together.
 */
import { registerOutput } from '../registry';
import type { OutputService } from '../types';
import { clientCache, deadline, partitionOf, publicationText, sdkFailure } from './common';
import { splitUtf8 } from './split';

type SnsSdk = typeof import('./output-sns-sdk.lazy');

/** SNS's message size limit, subject and attributes included (https://docs.aws.amazon.com/sns/latest/api/API_Publish.html). */
export const SNS_MESSAGE_MAX_BYTES = 256 * 1024;
/** Bytes of a part's text: the limit less room for the subject (at most 100) and the three attributes. */
export const SNS_PART_BYTES = SNS_MESSAGE_MAX_BYTES - 1024;

const sns = clientCache(async (region) => {
  const sdk: SnsSdk = await import('./output-sns-sdk.lazy');
  return { sdk, client: new sdk.SNSClient({ region }) };
});

/** The topic ARN of a topic name or ARN, in `region` of `account`. */
export function topicArn(resource: string, region: string, account: string): string {
  return resource.startsWith('arn:') ? resource : `arn:${partitionOf(region)}:sns:${region}:${account}:${resource}`;
}

/** An SNS subject: printable ASCII, at most 100 characters, never empty. */
export function snsSubject(title: string): string {
  const clean = title.replace(/[^\x20-\x7e]/g, '?').trim().slice(0, 100);
  return clean === '' ? 'StreamAlert alert' : clean;
}

/** The aws-sns output. */
export const awsSnsOutput: OutputService = {
  service: 'aws-sns',
  properties: [],
  resourceInConfig: true,
  async send(alert, ctx) {
    if (!ctx.resource) return { ok: false, retryable: false, error: `aws-sns:${ctx.descriptor}: no topic in outputs.json` };
    const arn = topicArn(ctx.resource, ctx.account.region, ctx.account.id);
    const text = publicationText(ctx.publication);
    const parts = Buffer.byteLength(text) <= SNS_PART_BYTES ? [text] : splitUtf8(text, SNS_PART_BYTES);
    try {
      const { sdk, client } = await sns(ctx.account.region);
      const ids: string[] = [];
      // In order, one at a time: part i+1 is published only after part i was accepted.
      for (const [i, part] of parts.entries()) {
        const attributes =
          parts.length === 1
            ? undefined
            : {
                alert_id: { DataType: 'String', StringValue: alert.alert_id },
                part: { DataType: 'Number', StringValue: String(i + 1) },
                parts: { DataType: 'Number', StringValue: String(parts.length) },
              };
        const subject = parts.length === 1 ? snsSubject(alert.title) : snsSubject(`${alert.title}`.slice(0, 80) + ` (part ${i + 1}/${parts.length})`);
        const out = await client.send(new sdk.PublishCommand({ TopicArn: arn, Message: part, Subject: subject, ...(attributes ? { MessageAttributes: attributes } : {}) }), {
          abortSignal: deadline(ctx.timeoutMs),
        });
        ids.push(out.MessageId ?? '');
      }
      return { ok: true, detail: parts.length === 1 ? ids[0] : `${parts.length} parts` };
    } catch (err) {
      return sdkFailure(`Publish ${arn}`, err, ctx.timeoutMs);
    }
  },
};

registerOutput(awsSnsOutput);
