/**
 * `pagerduty`: the legacy Events API v1 (descriptor property `service_key`). The incident key comes from the
 * rule's merge keys or the alert id, so re-sent alerts do not open new incidents.
 * Publisher fields: `@pagerduty.description|details|client_url|contexts`.
 */
import type { Publication } from '../../publishers/types';
import type { Alert } from '../../rules/types';
import { dedupKey } from '../common/dedup';
import { deliver, optionalProperty, requireProperty } from '../common/deliver';
import { fitJsonPayload, recordPointer, VENDOR_LIMITS } from '../common/fit';
import { isObject, pubOptionalString, pubString } from '../common/publication';
import type { OutputService } from '../types';

/** Default Events API v1 endpoint. */
export const EVENTS_V1_URL = 'https://events.pagerduty.com/generic/2010-04-15/create_event.json';

/** `client` of v1 events, as StreamAlert's Events v1 client sends it (`CLIENT_STREAMALERT`). */
export const V1_CLIENT = 'streamalert';

/** The v1 trigger event, within PagerDuty's 512 KB event limit (a larger record is shortened with a marker). */
export function eventsV1Payload(alert: Alert, publication: Publication, descriptor: string, serviceKey: string, pointer = `alert ${alert.alert_id}`): Record<string, unknown> {
  const build = (details: unknown): Record<string, unknown> => ({
    service_key: serviceKey,
    event_type: 'trigger',
    incident_key: dedupKey(descriptor, alert),
    description: pubString(publication, '@pagerduty.description', `StreamAlert Rule Triggered - ${alert.rule_name}`),
    details,
    client: V1_CLIENT,
    client_url: pubOptionalString(publication, '@pagerduty.client_url') ?? '',
    contexts: validContexts(publication['@pagerduty.contexts']),
  });
  if ('@pagerduty.details' in publication) return fitJsonPayload(build, publication['@pagerduty.details'], VENDOR_LIMITS.pagerdutyEventBytes, pointer);
  const record = isObject(publication.record) ? publication.record : alert.record;
  return fitJsonPayload((part) => build({ description: alert.rule_description, record: part }), record, VENDOR_LIMITS.pagerdutyEventBytes, pointer);
}

function validContexts(contexts: unknown): Record<string, string>[] {
  if (!Array.isArray(contexts)) return [];
  const out: Record<string, string>[] = [];
  for (const c of contexts) {
    if (!isObject(c)) continue;
    if (c.type === 'link' && typeof c.href === 'string' && typeof c.text === 'string') out.push({ type: 'link', href: c.href, text: c.text });
    if (c.type === 'image' && typeof c.src === 'string') out.push({ type: 'image', src: c.src });
  }
  return out;
}

/** The PagerDuty Events API v1 output. */
export const pagerdutyOutput: OutputService = {
  service: 'pagerduty',
  resourceInConfig: false,
  properties: [
    { name: 'service_key', description: 'the service key of this PagerDuty integration', secret: true },
    { name: 'url', description: `Events API v1 endpoint (default ${EVENTS_V1_URL})`, secret: false, required: false },
  ],
  send: (alert, context) =>
    deliver(pagerdutyOutput, context, async (http) => {
      const serviceKey = requireProperty(context, 'pagerduty', 'service_key');
      const event = eventsV1Payload(alert, context.publication, context.descriptor, serviceKey, recordPointer(alert, context));
      await http.request({ url: optionalProperty(context, 'url') ?? EVENTS_V1_URL, json: event });
      return `event sent (incident_key ${String(event.incident_key)})`;
    }),
};
