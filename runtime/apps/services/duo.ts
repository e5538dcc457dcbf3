/**
 * Duo Admin API logs (StreamAlert's `duo_auth` and `duo_admin`): `GET /admin/v1/logs/<kind>?mintime=<epoch s>`,
 * signed with HMAC-SHA1 over the date, method, host, path and parameters (Duo's request signing), up to 1,000
 * logs per call, oldest first. `mintime` is inclusive, so the cursor remembers the logs at the newest second.
 */
import { createHmac } from 'node:crypto';
import { advance, startTime, unseen, type LogIdentity } from '../cursor';
import type { AppDefinition, AppPollContext } from '../types';
import { apiUrl, contentId, field, listField } from './common';

const PAGE = 1000;

const identity: LogIdentity = {
  timeOf: (log) => Number(field(log, 'timestamp')) * 1000,
  idOf: (log) => contentId(log),
};

/** Duo's `Authorization` and `Date` headers for a GET. */
export function duoHeaders(auth: Readonly<Record<string, string>>, path: string, params: URLSearchParams, date: Date): Record<string, string> {
  const formatted = date.toUTCString().replace('GMT', '-0000');
  const host = (auth.api_hostname ?? '').toLowerCase();
  const canonical = [formatted, 'GET', host, path, params.toString()].join('\n');
  const signature = createHmac('sha1', auth.secret_key ?? '').update(canonical).digest('hex');
  return { Date: formatted, Authorization: `Basic ${Buffer.from(`${auth.integration_key ?? ''}:${signature}`).toString('base64')}` };
}

function duoApp(kind: 'auth' | 'admin', endpoint: string): AppDefinition {
  const path = `/admin/v1/logs/${endpoint}`;
  return {
    type: `duo_${kind}`,
    service: 'duo',
    // Duo allows about two log requests a minute per endpoint.
    sleepSeconds: 30,
    auth: [
      { name: 'api_hostname', description: "your Duo Admin API host, like 'api-abcdef12.duosecurity.com'", secret: false, pattern: /^api-[a-f0-9]{8}\.duosecurity\.com$/ },
      { name: 'integration_key', description: "the Admin API integration key, like 'DIABCDEFGHIJKLMN1234'", secret: false, pattern: /^DI[A-Z0-9]{18}$/ },
      { name: 'secret_key', description: 'the Admin API secret key (40 characters)', pattern: /^[a-zA-Z0-9]{40}$/ },
    ],
    async poll(context: AppPollContext) {
      const since = Math.floor(startTime(context.cursor, context.now, context.firstRunLookbackSeconds) / 1000);
      const params = new URLSearchParams({ mintime: String(since) });
      const url = apiUrl(context, `https://${context.auth.api_hostname}`, path, { mintime: since });
      const response = await context.http.request(url, { headers: duoHeaders(context.auth, path, params, context.now) });
      const all = listField(response.body, 'response', `Duo ${path}`);
      const logs = unseen(all, context.cursor, identity);
      let cursor = advance(context.cursor, logs, identity);
      if (all.length >= PAGE && logs.length === 0) {
        // A full page of one second's logs, all sent: step past that second or the app would stall on it.
        context.logger.warn('a full Duo page holds one second only; moving past it', { mintime: since });
        cursor = { last_timestamp: String((since + 1) * 1000), seen_ids: [] };
      }
      return { logs, cursor, more: all.length >= PAGE };
    },
  };
}

/** `duo_auth`: authentication logs. */
export const duoAuth = duoApp('auth', 'authentication');
/** `duo_admin`: administrator logs. */
export const duoAdmin = duoApp('admin', 'administrator');
