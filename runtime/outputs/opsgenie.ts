/**
 * `opsgenie` (beyond StreamAlert): Alert API v2 (`POST /v2/alerts`, `Authorization: GenieKey <api_key>`).
 * `alias` is the dedup key (Opsgenie folds alerts with one open alias into one), so a merge group pages once.
 * Publisher fields: `@opsgenie.message|description|priority|tags|details|responders`.
 * https://docs.opsgenie.com/docs/alert-api#create-alert
 */
import type { Publication } from '../publishers/types';
import type { Alert, Severity } from '../rules/types';
import { dedupKey } from './common/dedup';
import { deliver, joinUrl, optionalProperty, requireProperty } from './common/deliver';
import { fitText, recordPointer, VENDOR_LIMITS } from './common/fit';
import { isObject, pubString, sortedJson } from './common/publication';
import type { OutputService } from './types';

/** Default API base (EU accounts use https://api.eu.opsgenie.com). */
export const OPSGENIE_API = 'https://api.opsgenie.com';

const PRIORITY: Readonly<Record<Severity, string>> = { critical: 'P1', high: 'P2', medium: 'P3', low: 'P4', info: 'P5' };

const cut = (text: string, max: number): string => (text.length > max ? `${text.slice(0, max - 3)}...` : text);

/** Opsgenie's limits: message 130, alias 512, description 15000 characters; details values are strings. */
export function opsgeniePayload(alert: Alert, publication: Publication, descriptor: string, pointer = `alert ${alert.alert_id}`): Record<string, unknown> {
  const record = isObject(publication.record) ? publication.record : alert.record;
  const details = isObject(publication['@opsgenie.details'])
    ? Object.fromEntries(Object.entries(publication['@opsgenie.details']).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]))
    : { rule_name: alert.rule_name, alert_id: alert.alert_id, log_type: alert.log_type, cluster: alert.cluster };
  const tags = publication['@opsgenie.tags'];
  return {
    message: cut(pubString(publication, '@opsgenie.message', `StreamAlert: ${alert.title || alert.rule_name}`), 130),
    alias: cut(dedupKey(descriptor, alert), 512),
    description: fitText(pubString(publication, '@opsgenie.description', `${alert.rule_description}\n\n${sortedJson(record)}`), VENDOR_LIMITS.opsgenieDescriptionChars, pointer),
    tags: Array.isArray(tags) ? tags.filter((t) => typeof t === 'string') : ['streamalert', alert.rule_name],
    details,
    entity: `${alert.log_source.service}:${alert.log_source.resource}`,
    source: 'StreamAlert',
    priority: pubString(publication, '@opsgenie.priority', PRIORITY[alert.severity]),
    ...(Array.isArray(publication['@opsgenie.responders']) ? { responders: publication['@opsgenie.responders'] } : {}),
  };
}

/** The Opsgenie output. */
export const opsgenieOutput: OutputService = {
  service: 'opsgenie',
  resourceInConfig: false,
  properties: [
    { name: 'api_key', description: 'an Opsgenie API integration key', secret: true },
    { name: 'api_url', description: `API base URL (default ${OPSGENIE_API}; EU: https://api.eu.opsgenie.com)`, secret: false, required: false },
  ],
  send: (alert, context) =>
    deliver(opsgenieOutput, context, async (http) => {
      const key = requireProperty(context, 'opsgenie', 'api_key');
      const payload = opsgeniePayload(alert, context.publication, context.descriptor, recordPointer(alert, context));
      const res = await http.request({
        url: joinUrl(optionalProperty(context, 'api_url') ?? OPSGENIE_API, 'v2/alerts'),
        headers: { Authorization: `GenieKey ${key}` },
        json: payload,
      });
      const body = res.json();
      const requestId = isObject(body) && typeof body.requestId === 'string' ? ` (request ${body.requestId})` : '';
      return `alert accepted${requestId}, alias ${String(payload.alias)}`;
    }),
};
