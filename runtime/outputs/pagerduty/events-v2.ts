/**
 * The Events API v2 payload shared by `pagerduty-v2` and `pagerduty-incident`.
 * https://developer.pagerduty.com/docs/events-api-v2/trigger-events/
 */
import type { Publication } from '../../publishers/types';
import type { Alert, Severity } from '../../rules/types';
import { dedupKey } from '../common/dedup';
import { fitJsonPayload, VENDOR_LIMITS } from '../common/fit';
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

/**
 * The PagerDuty severity of an alert: `critical` for a rule that declares none (StreamAlert paged every alert
 * at critical), else the rule's severity mapped by {@link PAGERDUTY_SEVERITY}.
 */
export function pagerdutySeverity(alert: Pick<Alert, 'severity' | 'severity_declared'>): 'critical' | 'error' | 'warning' | 'info' {
  return alert.severity_declared === true ? PAGERDUTY_SEVERITY[alert.severity] : 'critical';
}

/**
 * Builds the trigger event for an alert, within PagerDuty's 512 KB event limit: a larger record (or publisher
 * `custom_details`) is shortened with a marker naming the alert and where its full record is.
 */
export function eventsV2Payload(
  alert: Alert,
  publication: Publication,
  descriptor: string,
  routingKey: string,
  withRecord = true,
  pointer = `alert ${alert.alert_id}`,
): Record<string, unknown> {
  if ('@pagerduty-v2.custom_details' in publication) {
    return fitJsonPayload((part) => eventOf(alert, publication, descriptor, routingKey, part), publication['@pagerduty-v2.custom_details'], VENDOR_LIMITS.pagerdutyEventBytes, pointer);
  }
  const record = isObject(publication.record) ? publication.record : alert.record;
  const details = (part?: unknown): Record<string, unknown> => (withRecord ? { description: alert.rule_description, record: part } : { description: alert.rule_description });
  return fitJsonPayload((part) => eventOf(alert, publication, descriptor, routingKey, details(part)), record, VENDOR_LIMITS.pagerdutyEventBytes, pointer);
}

function eventOf(alert: Alert, publication: Publication, descriptor: string, routingKey: string, customDetails: unknown): Record<string, unknown> {
  const summary = pubString(publication, '@pagerduty-v2.summary', `StreamAlert Rule Triggered - ${alert.rule_name}`);
  return {
    routing_key: routingKey,
    event_action: 'trigger',
    dedup_key: dedupKey(descriptor, alert),
    payload: {
      summary: summary.length > SUMMARY_LIMIT ? `${summary.slice(0, SUMMARY_LIMIT - 3)}...` : summary,
      // StreamAlert sends the log type: PagerDuty event rules and grouping match on it.
      source: alert.log_type,
      severity: pubString(publication, '@pagerduty-v2.severity', pagerdutySeverity(alert)),
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
