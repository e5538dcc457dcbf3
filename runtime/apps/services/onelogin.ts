/**
 * OneLogin events (StreamAlert's `onelogin_events`): an OAuth 2 client-credentials token from
 * `POST /auth/oauth2/v2/token`, then `GET /api/1/events?since=<ISO 8601>` followed by
 * `pagination.next_link` until it is null. A token refused mid-run (401) is fetched again once.
 */
import { followPage, startTime, type LogIdentity } from '../cursor';
import { AppAuthError } from '../errors';
import type { AppDefinition, AppPollContext } from '../types';
import { apiUrl, field, isoMillis, listField, rebase, sameHostLink, withToken } from './common';

const identity: LogIdentity = { timeOf: (log) => isoMillis(field(log, 'created_at')), idOf: (log) => String(field(log, 'id')) };

async function token(context: AppPollContext, base: string): Promise<string> {
  const response = await context.http.request(apiUrl(context, base, '/auth/oauth2/v2/token'), {
    method: 'POST',
    headers: { Authorization: `client_id:${context.auth.client_id}, client_secret:${context.auth.client_secret}` },
    body: { grant_type: 'client_credentials' },
  });
  const value = field(response.body, 'access_token');
  if (typeof value !== 'string' || value === '') throw new AppAuthError('OneLogin returned no access token', 'check the client id and secret');
  return value;
}

/** `onelogin_events`. */
export const oneloginEvents: AppDefinition = {
  type: 'onelogin_events',
  service: 'onelogin',
  auth: [
    { name: 'region', description: "the OneLogin API region: 'us' or 'eu'", secret: false, pattern: /^(us|eu|en)$/ },
    { name: 'client_id', description: 'the API client id' },
    { name: 'client_secret', description: 'the API client secret' },
  ],
  async poll(context) {
    const base = `https://api.${context.auth.region}.onelogin.com`;
    const since = new Date(startTime(context.cursor, context.now, context.firstRunLookbackSeconds)).toISOString();
    const url = context.cursor.cursor === undefined ? apiUrl(context, base, '/api/1/events', { since, sort: '+id' }) : rebase(context, context.cursor.cursor);
    const response = await withToken(context, 'onelogin', () => token(context, base), (t) =>
      context.http.request(url, { headers: { Authorization: `bearer:${t}` } }),
    );
    const link = field(field(response.body, 'pagination'), 'next_link');
    const hasNext = typeof link === 'string' && link !== '';
    const next = hasNext ? sameHostLink(context, base, link, 'OneLogin events') : undefined;
    const page = followPage(context.cursor, listField(response.body, 'data', 'OneLogin events'), identity, next);
    return { ...page, more: hasNext };
  },
};
