/**
 * `phantom` (Splunk SOAR): finds or creates the container named after the rule (`rest/container`), then adds
 * the alert as an artifact (`rest/artifact`: `cef` = record, `data` = publication). Header `ph-auth-token`.
 */
import { deliver, joinUrl, requireProperty } from './common/deliver';
import { isObject } from './common/publication';
import { OutputHttpError, type HttpSession } from './http';
import type { OutputService } from './types';

async function containerId(http: HttpSession, base: string, headers: Record<string, string>, name: string, description: string): Promise<unknown> {
  const url = joinUrl(base, 'rest/container');
  const found = (await http.request({ url, headers, query: { _filter_name: JSON.stringify(name), page_size: 1 } })).json();
  if (isObject(found) && Number(found.count) > 0 && Array.isArray(found.data) && isObject(found.data[0])) return found.data[0].id;
  const created = (await http.request({ url, headers, json: { name, description } })).json();
  if (!isObject(created) || created.id === undefined) throw new OutputHttpError('phantom: container creation returned no id', { retryable: false });
  return created.id;
}

/** The Phantom output. */
export const phantomOutput: OutputService = {
  service: 'phantom',
  resourceInConfig: false,
  properties: [
    { name: 'ph_auth_token', description: 'the auth token of this Phantom integration', secret: true },
    { name: 'url', description: 'the Phantom base URL', secret: true },
  ],
  send: (alert, context) =>
    deliver(phantomOutput, context, async (http) => {
      const base = requireProperty(context, 'phantom', 'url');
      const headers = { 'ph-auth-token': requireProperty(context, 'phantom', 'ph_auth_token') };
      const id = await containerId(http, base, headers, alert.rule_name, alert.rule_description);
      await http.request({
        url: joinUrl(base, 'rest/artifact'),
        headers,
        json: { cef: alert.record, container_id: id, data: context.publication, name: 'Phantom Artifact', label: 'Alert' },
      });
      return `artifact added to container ${String(id)}`;
    }),
};
