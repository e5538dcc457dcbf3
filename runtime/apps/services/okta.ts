/**
 * Okta System Log (beyond StreamAlert; its records classify as `okta:logevents`):
 * `GET /api/v1/logs?since=<ISO 8601>&sortOrder=ASCENDING&limit=1000` with an `SSWS` API token, then the
 * `Link: rel="next"` URL. In polling mode Okta always gives a next link; an empty page means "caught up".
 */
import { followPage, startTime, type LogIdentity } from '../cursor';
import type { AppDefinition } from '../types';
import { apiUrl, field, isoMillis, listBody, nextLink, rebase, sameHostLink } from './common';

const identity: LogIdentity = { timeOf: (log) => isoMillis(field(log, 'published')), idOf: (log) => String(field(log, 'uuid')) };

/** `okta_system_log`. */
export const oktaSystemLog: AppDefinition = {
  type: 'okta_system_log',
  service: 'okta',
  auth: [
    { name: 'okta_domain', description: "your Okta org host, like 'acme.okta.com'", secret: false, pattern: /^[A-Za-z0-9.-]+\.(okta|oktapreview|okta-emea)\.com$/ },
    { name: 'api_token', description: 'an Okta API token (read-only admin)' },
  ],
  async poll(context) {
    const base = `https://${context.auth.okta_domain}`;
    const since = new Date(startTime(context.cursor, context.now, context.firstRunLookbackSeconds)).toISOString();
    const url =
      context.cursor.cursor === undefined
        ? apiUrl(context, base, '/api/v1/logs', { since, sortOrder: 'ASCENDING', limit: 1000 })
        : rebase(context, context.cursor.cursor);
    const response = await context.http.request(url, { headers: { Authorization: `SSWS ${context.auth.api_token}` } });
    const page = listBody(response.body, 'Okta System Log');
    const link = nextLink(response.headers.get('link'));
    const next = link === undefined ? undefined : sameHostLink(context, base, link, 'Okta System Log');
    const more = page.length > 0 && next !== undefined;
    return { ...followPage(context.cursor, page, identity, more ? next : undefined), more };
  },
};
