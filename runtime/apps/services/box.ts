/**
 * Box enterprise admin events (StreamAlert's `box_admin_events`): a Box JWT app's config file (client id and
 * secret, an RSA key with its passphrase, the enterprise id) signs an assertion exchanged at `/oauth2/token`,
 * then `GET /2.0/events?stream_type=admin_logs&created_after=<ISO 8601>` follows `next_stream_position`
 * until a page comes back empty. Events carry `event_id` and `created_at`.
 */
import { followPage, startTime, type LogIdentity } from '../cursor';
import { AppAuthError } from '../errors';
import type { AppDefinition, AppPollContext } from '../types';
import { apiUrl, field, isoMillis, listField, withToken } from './common';
import { parseKeyfile, signJwt } from './jwt';

const identity: LogIdentity = { timeOf: (log) => isoMillis(field(log, 'created_at')), idOf: (log) => String(field(log, 'event_id')) };

async function accessToken(context: AppPollContext): Promise<string> {
  const config = parseKeyfile(context.auth.keyfile, 'Box app config');
  const settings = field(config, 'boxAppSettings');
  const appAuth = field(settings, 'appAuth');
  const clientId = field(settings, 'clientID');
  const clientSecret = field(settings, 'clientSecret');
  const privateKey = field(appAuth, 'privateKey');
  if (typeof clientId !== 'string' || typeof clientSecret !== 'string' || typeof privateKey !== 'string') {
    throw new AppAuthError('the stored Box app config lacks boxAppSettings.clientID, clientSecret or appAuth.privateKey', 'store the JSON config file Box gives for a JWT app');
  }
  const now = Math.floor(context.now.getTime() / 1000);
  const assertion = signJwt(
    { iss: clientId, sub: String(field(config, 'enterpriseID') ?? ''), box_sub_type: 'enterprise', aud: 'https://api.box.com/oauth2/token', exp: now + 45 },
    privateKey,
    { keyId: String(field(appAuth, 'publicKeyID') ?? ''), passphrase: typeof field(appAuth, 'passphrase') === 'string' ? String(field(appAuth, 'passphrase')) : undefined },
  );
  const response = await context.http.request(apiUrl(context, 'https://api.box.com', '/oauth2/token'), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', client_id: clientId, client_secret: clientSecret, assertion }).toString(),
  });
  const token = field(response.body, 'access_token');
  if (typeof token !== 'string') throw new AppAuthError('Box returned no access token', 'check the app is authorized in the Box admin console');
  return token;
}

/** `box_admin_events`. */
export const boxAdminEvents: AppDefinition = {
  type: 'box_admin_events',
  service: 'box',
  auth: [{ name: 'keyfile', description: 'the JSON config file of a Box JWT app (with its private key), as downloaded' }],
  async poll(context) {
    const url = apiUrl(context, 'https://api.box.com', '/2.0/events', {
      stream_type: 'admin_logs',
      limit: 500,
      ...(context.cursor.cursor === undefined
        ? { created_after: new Date(startTime(context.cursor, context.now, context.firstRunLookbackSeconds)).toISOString().replace(/\.\d{3}Z$/, 'Z') }
        : { stream_position: context.cursor.cursor }),
    });
    const response = await withToken(context, 'box', () => accessToken(context), (token) => context.http.request(url, { headers: { Authorization: `Bearer ${token}` } }));
    const entries = listField(response.body, 'entries', 'Box events');
    const next = field(response.body, 'next_stream_position');
    const more = entries.length > 0 && next !== undefined && next !== null;
    return { ...followPage(context.cursor, entries, identity, more ? String(next) : undefined), more };
  },
};
