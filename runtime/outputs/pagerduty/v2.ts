/**
 * `pagerduty-v2`: Events API v2 (descriptor property `routing_key`). `dedup_key` comes from the rule's merge
 * keys (one incident per merge group) or the alert id; severity is `critical` unless the rule declares one.
 * Publisher fields: `@pagerduty-v2.summary|custom_details|severity|client_url|images|links|component|group|class`.
 */
import { deliver, optionalProperty, requireProperty } from '../common/deliver';
import { recordPointer } from '../common/fit';
import type { OutputService } from '../types';
import { EVENTS_V2_URL, eventsV2Payload } from './events-v2';

/** The PagerDuty Events API v2 output. */
export const pagerdutyV2Output: OutputService = {
  service: 'pagerduty-v2',
  resourceInConfig: false,
  properties: [
    { name: 'routing_key', description: 'the routing key of this PagerDuty integration', secret: true },
    { name: 'url', description: `Events API endpoint (default ${EVENTS_V2_URL})`, secret: false, required: false },
  ],
  send: (alert, context) =>
    deliver(pagerdutyV2Output, context, async (http) => {
      const routingKey = requireProperty(context, 'pagerduty-v2', 'routing_key');
      const event = eventsV2Payload(alert, context.publication, context.descriptor, routingKey, true, recordPointer(alert, context));
      await http.request({ url: optionalProperty(context, 'url') ?? EVENTS_V2_URL, json: event });
      return `event enqueued (dedup_key ${String(event.dedup_key)})`;
    }),
};
