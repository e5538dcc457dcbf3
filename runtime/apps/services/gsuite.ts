/**
 * Google Workspace (G Suite) Admin SDK Reports activities (StreamAlert's `gsuite_<application>` apps): a service
 * account with domain-wide delegation signs a JWT for the reports scope, exchanges it at the token endpoint,
 * then `GET /admin/reports/v1/activity/users/all/applications/<application>?startTime=` follows
 * `nextPageToken`. Activities come newest first; `id.time` and `id.uniqueQualifier` identify them.
 */
import { followPage, startTime, type LogIdentity } from '../cursor';
import { AppAuthError } from '../errors';
import type { AppDefinition, AppPollContext } from '../types';
import { apiUrl, field, isoMillis, withToken } from './common';
import { parseKeyfile, signJwt } from './jwt';

const SCOPE = 'https://www.googleapis.com/auth/admin.reports.audit.readonly';
const TOKEN_URL = 'https://oauth2.googleapis.com/token';

/** Applications of the Reports API StreamAlert had an app for. */
export const GSUITE_APPLICATIONS = [
  'access_transparency', 'admin', 'calendar', 'drive', 'gcp', 'groups', 'groups_enterprise', 'gplus', 'login', 'meet', 'mobile', 'rules', 'saml', 'token', 'user_accounts',
] as const;

const identity: LogIdentity = {
  timeOf: (log) => isoMillis(field(field(log, 'id'), 'time')),
  idOf: (log) => String(field(field(log, 'id'), 'uniqueQualifier')),
};

async function accessToken(context: AppPollContext): Promise<string> {
  const key = parseKeyfile(context.auth.keyfile, 'keyfile');
  const email = field(key, 'client_email');
  const privateKey = field(key, 'private_key');
  if (typeof email !== 'string' || typeof privateKey !== 'string') throw new AppAuthError('the stored keyfile has no client_email or private_key', 'store the service account JSON key file as downloaded');
  const tokenUrl = typeof field(key, 'token_uri') === 'string' ? String(field(key, 'token_uri')) : TOKEN_URL;
  const now = Math.floor(context.now.getTime() / 1000);
  const assertion = signJwt({ iss: email, sub: context.auth.delegation_email, scope: SCOPE, aud: tokenUrl, iat: now, exp: now + 3600 }, privateKey, {
    keyId: typeof field(key, 'private_key_id') === 'string' ? String(field(key, 'private_key_id')) : undefined,
  });
  const url = new URL(tokenUrl);
  const response = await context.http.request(apiUrl(context, url.origin, url.pathname), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion }).toString(),
  });
  const token = field(response.body, 'access_token');
  if (typeof token !== 'string') throw new AppAuthError('Google returned no access token', 'check the keyfile and the domain-wide delegation of its client id');
  return token;
}

function gsuiteApp(application: string): AppDefinition {
  return {
    type: `gsuite_${application}`,
    service: 'gsuite',
    auth: [
      { name: 'keyfile', description: 'the JSON key file of a Google service account with domain-wide delegation, as downloaded' },
      { name: 'delegation_email', description: 'the admin user the service account acts as', secret: false, pattern: /^[^@\s]+@[^@\s]+$/ },
    ],
    async poll(context) {
      // A page token is only valid with the query that produced it: the scan keeps its startTime beside it.
      const following = context.cursor.cursor === undefined ? undefined : (JSON.parse(context.cursor.cursor) as { pageToken: string; startTime: string });
      const since = following?.startTime ?? new Date(startTime(context.cursor, context.now, context.firstRunLookbackSeconds)).toISOString();
      const url = apiUrl(context, 'https://admin.googleapis.com', `/admin/reports/v1/activity/users/all/applications/${application}`, {
        startTime: since,
        maxResults: 1000,
        pageToken: following?.pageToken,
      });
      const response = await withToken(context, 'google', () => accessToken(context), (token) => context.http.request(url, { headers: { Authorization: `Bearer ${token}` } }));
      const items = field(response.body, 'items');
      const next = field(response.body, 'nextPageToken');
      const hasNext = typeof next === 'string' && next !== '';
      const page = followPage(context.cursor, Array.isArray(items) ? items : [], identity, hasNext ? JSON.stringify({ pageToken: next, startTime: since }) : undefined);
      return { ...page, more: hasNext };
    },
  };
}

/** Every `gsuite_<application>` app. */
export const gsuiteApps: readonly AppDefinition[] = GSUITE_APPLICATIONS.map(gsuiteApp);
