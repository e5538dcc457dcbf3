/**
 * GitHub organization audit log (beyond StreamAlert): `GET /orgs/<org>/audit-log?phrase=created:>=<date>
 * &order=asc&per_page=100` with a token (classic `read:audit_log` or a fine-grained token with
 * organization administration read), then the `Link: rel="next"` URL. Each event carries `@timestamp`
 * (epoch milliseconds) and `_document_id`.
 */
import { followPage, startTime, type LogIdentity } from '../cursor';
import type { AppDefinition } from '../types';
import { apiUrl, field, listBody, nextLink, rebase, sameHostLink } from './common';

const identity: LogIdentity = { timeOf: (log) => Number(field(log, '@timestamp')), idOf: (log) => String(field(log, '_document_id')) };

/** `github_audit_log`. */
export const githubAuditLog: AppDefinition = {
  type: 'github_audit_log',
  service: 'github',
  auth: [
    { name: 'organization', description: 'the organization login, as in github.com/<organization>', secret: false, pattern: /^[A-Za-z0-9-]{1,39}$/ },
    { name: 'token', description: 'a token allowed to read the organization audit log' },
    { name: 'api_hostname', description: "the API host: 'api.github.com', or your GitHub Enterprise Cloud data residency host", secret: false, pattern: /^[A-Za-z0-9.-]+$/ },
  ],
  async poll(context) {
    const base = `https://${context.auth.api_hostname}`;
    // The search phrase takes whole seconds; the cursor drops what was already sent at that second.
    const since = new Date(startTime(context.cursor, context.now, context.firstRunLookbackSeconds)).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const url =
      context.cursor.cursor === undefined
        ? apiUrl(context, base, `/orgs/${encodeURIComponent(context.auth.organization ?? '')}/audit-log`, {
            phrase: `created:>=${since}`,
            order: 'asc',
            per_page: 100,
            include: 'all',
          })
        : rebase(context, context.cursor.cursor);
    const response = await context.http.request(url, {
      headers: { Authorization: `Bearer ${context.auth.token}`, Accept: 'application/vnd.github+json', 'X-GitHub-Api-Version': '2022-11-28' },
    });
    const page = listBody(response.body, 'GitHub audit log');
    const link = nextLink(response.headers.get('link'));
    const next = link === undefined ? undefined : sameHostLink(context, base, link, 'GitHub audit log');
    return { ...followPage(context.cursor, page, identity, next), more: next !== undefined };
  },
};
