/**
 * `victorops` (Splunk On-Call REST endpoint): POSTs to `<url>/<routing_key>` with the `X-VO-Api-Id` and
 * `X-VO-Api-Key` headers. `entity_id` carries the dedup key, so a merge group stays one incident.
 */
import { dedupKey } from './common/dedup';
import { deliver, joinUrl, requireProperty } from './common/deliver';
import { isObject, pubString } from './common/publication';
import type { OutputService } from './types';

/** The VictorOps output. */
export const victoropsOutput: OutputService = {
  service: 'victorops',
  resourceInConfig: false,
  properties: [
    { name: 'victorops_api_id', description: 'the API id of this VictorOps integration', secret: true },
    { name: 'victorops_api_key', description: 'the API key of this VictorOps integration', secret: true },
    { name: 'url', description: 'the REST endpoint URL of this VictorOps integration', secret: true },
    { name: 'routing_key', description: 'the routing key of this VictorOps integration', secret: true },
  ],
  send: (alert, context) =>
    deliver(victoropsOutput, context, async (http) => {
      const pub = context.publication;
      await http.request({
        url: joinUrl(requireProperty(context, 'victorops', 'url'), requireProperty(context, 'victorops', 'routing_key')),
        headers: {
          'X-VO-Api-Id': requireProperty(context, 'victorops', 'victorops_api_id'),
          'X-VO-Api-Key': requireProperty(context, 'victorops', 'victorops_api_key'),
        },
        json: {
          message_type: pubString(pub, '@victorops.message_type', 'CRITICAL'),
          entity_id: `streamalert/${dedupKey(context.descriptor, alert)}`,
          entity_display_name: pubString(pub, '@victorops.entity_display_name', alert.rule_name),
          state_message: alert.rule_description,
          record: isObject(pub.record) ? pub.record : alert.record,
        },
      });
      return 'incident sent';
    }),
};
