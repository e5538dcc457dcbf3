/**
 * Intercom admin activity logs (StreamAlert's `intercom_admin_activity_logs`): `GET /admins/activity_logs?
 * created_at_after=<epoch s>` with a bearer token, then `pages.next` until it is null. `created_at` is in
 * seconds and the filter is inclusive, so the cursor remembers the ids at the newest second.
 */
import { followPage, startTime, type LogIdentity } from '../cursor';
import type { AppDefinition } from '../types';
import { apiUrl, field, listField, rebase, sameHostLink } from './common';

const identity: LogIdentity = { timeOf: (log) => Number(field(log, 'created_at')) * 1000, idOf: (log) => String(field(log, 'id')) };

/** `intercom_admin_activity_logs`. */
export const intercomAdminActivity: AppDefinition = {
  type: 'intercom_admin_activity_logs',
  service: 'intercom',
  auth: [{ name: 'token', description: 'an Intercom access token with the "read admins" permission' }],
  async poll(context) {
    const after = Math.floor(startTime(context.cursor, context.now, context.firstRunLookbackSeconds) / 1000);
    const url =
      context.cursor.cursor === undefined
        ? apiUrl(context, 'https://api.intercom.io', '/admins/activity_logs', { created_at_after: after, created_at_before: Math.floor(context.now.getTime() / 1000) })
        : rebase(context, context.cursor.cursor);
    const response = await context.http.request(url, { headers: { Authorization: `Bearer ${context.auth.token}`, 'Intercom-Version': '2.11' } });
    const link = field(field(response.body, 'pages'), 'next');
    const hasNext = typeof link === 'string' && link !== '';
    const next = hasNext ? sameHostLink(context, 'https://api.intercom.io', link, 'Intercom activity logs') : undefined;
    const page = followPage(context.cursor, listField(response.body, 'activity_logs', 'Intercom activity logs'), identity, next);
    return { ...page, more: hasNext };
  },
};
