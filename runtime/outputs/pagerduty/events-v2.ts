/**
 * The Events API v2 payload shared by `pagerduty-v2` and `pagerduty-incident`.
 * https://developer.pagerduty.com/docs/events-api-v2/trigger-events/
 */
import type { Publication } from '../../publishers/types';
import type { Alert, Severity } from '../../rules/types';
import { dedupKey } from '../common/dedup';
import { isObject, pubOptionalString, pubString } from '../common/publication';

/** Default Events API v2 endpoint. */
export const EVENTS_V2_URL = 'https://events.pagerduty.com/v2/enqueue';

/** PagerDuty's four severities, from ours. */
export const PAGERDUTY_SEVERITY: Readonly<Record<Severity, 'critical' | 'error' | 'warning' | 'info'>> = {
  critical: 'critical',
  high: 'error',
  medium: 'warning',
  low: 'info',
  info: 'info',
};

/** PagerDuty caps `payload.summary` at 1024 characters. */
const SUMMARY_LIMIT = 1024;

/** Builds the trigger event for an alert. */
export function eventsV2Payload(alert: Alert, publication: Publication, descriptor: string, routingKey: string, withRecord = true): Record<string, unknown> {
  const details: Record<string, unknown> = { description: alert.rule_description };
  if (withRecord) details.record = isObject(publication.record) ? publication.record : alert.record;
  const customDetails = '@pagerduty-v2.custom_details' in publication ? publication['@pagerduty-v2.custom_details'] : details;
  const summary = pubString(publication, '@pagerduty-v2.summary', `StreamAlert Rule Triggered - ${alert.rule_name}`);
  return {
    routing_key: routingKey,
    event_action: 'trigger',
    dedup_key: dedupKey(descriptor, alert),
    payload: {
      summary: summary.length > SUMMARY_LIMIT ? `${summary.slice(0, SUMMARY_LIMIT - 3)}...` : summary,
      source: `${alert.log_source.service}:${alert.log_source.resource}`,
      severity: pubString(publication, '@pagerduty-v2.severity', PAGERDUTY_SEVERITY[alert.severity]),
      timestamp: alert.created,
      custom_details: customDetails,
      component: pubOptionalString(publication, '@pagerduty-v2.component'),
      group: pubOptionalString(publication, '@pagerduty-v2.group'),
      class: pubOptionalString(publication, '@pagerduty-v2.class'),
    },
    client: 'StreamAlert',
    client_url: pubOptionalString(publication, '@pagerduty-v2.client_url'),
    images: standardImages(publication['@pagerduty-v2.images']),
    links: standardLinks(publication['@pagerduty-v2.links']),
  };
}

function standardImages(images: unknown): Record<string, string>[] {
  if (!Array.isArray(images)) return [];
  return images
    .filter((i): i is Record<string, unknown> => isObject(i) && typeof i.src === 'string')
    .map((i) => ({ src: String(i.src), href: typeof i.href === 'string' ? i.href : '', alt: typeof i.alt === 'string' ? i.alt : '' }));
}

function standardLinks(links: unknown): Record<string, string>[] {
  if (!Array.isArray(links)) return [];
  return links
    .filter((l): l is Record<string, unknown> => isObject(l) && typeof l.href === 'string')
    .map((l) => ({ href: String(l.href), text: typeof l.text === 'string' ? l.text : String(l.href) }));
}
