/**
 * Slack workspace logs (StreamAlert's `slack_access` and `slack_integration`): `team.accessLogs` and
 * `team.integrationLogs`, page by page (`count` up to 1,000, `page` up to 100), newest first, with a bearer
 * token (a user token with `admin` scope). Neither API filters by time, so each scan reads every page and
 * keeps what is newer than where the previous scan stopped.
 */
import { followPage, type LogIdentity } from '../cursor';
import { AppAuthError, AppHttpError } from '../errors';
import type { AppDefinition, AppPollContext } from '../types';
import { apiUrl, contentId, field, listField } from './common';

const MAX_PAGE = 100;

function slackApp(kind: 'access' | 'integration', method: string, listKey: string, identity: LogIdentity): AppDefinition {
  return {
    type: `slack_${kind}`,
    service: 'slack',
    // Tier 2 methods: about 20 calls a minute.
    sleepSeconds: 3,
    auth: [{ name: 'auth_token', description: 'a Slack user token with the admin scope' }],
    async poll(context: AppPollContext) {
      const page = context.cursor.cursor === undefined ? 1 : Number(context.cursor.cursor);
      const response = await context.http.request(apiUrl(context, 'https://slack.com', `/api/${method}`), {
        method: 'POST',
        headers: { Authorization: `Bearer ${context.auth.auth_token}`, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ count: '1000', page: String(page) }).toString(),
      });
      if (field(response.body, 'ok') !== true) {
        const error = String(field(response.body, 'error') ?? 'unknown error');
        if (/auth|token|not_allowed|missing_scope|paid_only/.test(error)) throw new AppAuthError(`Slack ${method} refused: ${error}`);
        throw new AppHttpError(`Slack ${method} answered ok=false: ${error}`, response.status, true);
      }
      const pages = Number(field(field(response.body, 'paging'), 'pages') ?? 1);
      const hasNext = page < Math.min(pages, MAX_PAGE);
      const result = followPage(context.cursor, listField(response.body, listKey, `Slack ${method}`), identity, hasNext ? String(page + 1) : undefined);
      return { ...result, more: hasNext };
    },
  };
}

/** `slack_access`: one entry per user, IP and user agent, updated as `date_last` moves. */
export const slackAccess = slackApp('access', 'team.accessLogs', 'logins', {
  timeOf: (log) => Number(field(log, 'date_last')) * 1000,
  idOf: (log) => [field(log, 'user_id'), field(log, 'ip'), field(log, 'user_agent'), field(log, 'date_last')].join('|'),
});

/** `slack_integration`: apps and integrations added, changed or removed. */
export const slackIntegration = slackApp('integration', 'team.integrationLogs', 'logs', {
  timeOf: (log) => Number(field(log, 'date')) * 1000,
  idOf: (log) => contentId(log),
});
