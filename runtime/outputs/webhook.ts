/**
 * `webhook` (beyond StreamAlert): POSTs the publication as JSON to any URL, signed so the receiver can check
 * it came from us and is fresh. Headers: `X-StreamAlert-Timestamp` (Unix seconds) and
 * `X-StreamAlert-Signature: v1=<hex HMAC-SHA256(signing_secret, "<timestamp>.<body>")>`. The receiver
 * recomputes the HMAC over the raw body, compares in constant time and rejects stale timestamps.
 */
import { createHmac } from 'node:crypto';
import { deliver, requireProperty } from './common/deliver';
import type { OutputService } from './types';

/** Header names and signature version of the webhook output. */
export const WEBHOOK_TIMESTAMP_HEADER = 'X-StreamAlert-Timestamp';
export const WEBHOOK_SIGNATURE_HEADER = 'X-StreamAlert-Signature';

/** The signature header value for a body sent at `timestamp` (Unix seconds). */
export function webhookSignature(secret: string, timestamp: number, body: string): string {
  return `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** The webhook output; `now` is injectable for tests. */
export function createWebhookOutput(now: () => number = Date.now): OutputService {
  const output: OutputService = {
    service: 'webhook',
    resourceInConfig: false,
    properties: [
      { name: 'url', description: 'the URL to POST alerts to (may hold a token)', secret: true },
      { name: 'signing_secret', description: 'shared secret for the HMAC-SHA256 signature header', secret: true },
    ],
    send: (alert, context) =>
      deliver(output, context, async (http) => {
        const url = requireProperty(context, 'webhook', 'url');
        const secret = requireProperty(context, 'webhook', 'signing_secret');
        const body = JSON.stringify({ alert_id: alert.alert_id, rule_name: alert.rule_name, publication: context.publication });
        const timestamp = Math.floor(now() / 1000);
        await http.request({
          url,
          body,
          headers: {
            'Content-Type': 'application/json',
            [WEBHOOK_TIMESTAMP_HEADER]: String(timestamp),
            [WEBHOOK_SIGNATURE_HEADER]: webhookSignature(secret, timestamp, body),
          },
        });
        return 'delivered';
      }),
  };
  return output;
}

/** The webhook output. */
export const webhookOutput: OutputService = createWebhookOutput();
