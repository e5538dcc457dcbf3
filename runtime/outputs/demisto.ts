/**
 * `demisto` (Cortex XSOAR): creates an incident (`POST <url>/incident`) with the alert's fields as labels and
 * an investigation started. Publisher fields: `@demisto.incident_name|incident_type|playbook|severity|owner|details|label_data`.
 */
import type { Publication } from '../publishers/types';
import type { Alert } from '../rules/types';
import { deliver, joinUrl, requireProperty } from './common/deliver';
import { isObject, pubString, pubValue } from './common/publication';
import type { OutputService } from './types';

const SEVERITY: Readonly<Record<string, number>> = { info: 0.5, informational: 0.5, low: 1, med: 2, medium: 2, high: 3, critical: 4 };

/** Flattens a value into `{ type: 'a.b[0]', value }` labels, sorted by type. */
export function demistoLabels(value: unknown): { type: string; value: string }[] {
  const labels: { type: string; value: string }[] = [];
  const walk = (node: unknown, path: string): void => {
    if (Array.isArray(node)) node.forEach((item, i) => walk(item, `${path}[${i}]`));
    else if (isObject(node)) for (const [k, v] of Object.entries(node)) walk(v, path ? `${path}.${k}` : k);
    else labels.push({ type: path, value: String(node) });
  };
  walk(value, '');
  return labels.sort((a, b) => (a.type < b.type ? -1 : a.type > b.type ? 1 : 0));
}

/** The incident request for an alert. */
export function demistoIncident(alert: Alert, publication: Publication): Record<string, unknown> {
  const severity = pubString(publication, '@demisto.severity', alert.severity).toLowerCase();
  return {
    type: pubString(publication, '@demisto.incident_type', 'Unclassified'),
    name: pubString(publication, '@demisto.incident_name', alert.rule_name),
    owner: pubString(publication, '@demisto.owner', 'StreamAlert'),
    playbook: pubString(publication, '@demisto.playbook', 'Unknown'),
    severity: SEVERITY[severity] ?? 0,
    labels: demistoLabels(pubValue(publication, '@demisto.label_data', publication)),
    customFields: {},
    details: pubString(publication, '@demisto.details', alert.rule_description),
    createInvestigation: true,
  };
}

/** The Demisto output. */
export const demistoOutput: OutputService = {
  service: 'demisto',
  resourceInConfig: false,
  properties: [
    { name: 'url', description: 'the Demisto server URL (https://hostname)', secret: false },
    { name: 'token', description: 'a Demisto API token', secret: true },
  ],
  send: (alert, context) =>
    deliver(demistoOutput, context, async (http) => {
      await http.request({
        url: joinUrl(requireProperty(context, 'demisto', 'url'), 'incident'),
        headers: { Accept: 'application/json', Authorization: requireProperty(context, 'demisto', 'token') },
        json: demistoIncident(alert, context.publication),
      });
      return 'incident created';
    }),
};
