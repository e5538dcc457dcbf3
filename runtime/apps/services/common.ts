/** Small helpers the app services share: URLs (with the test endpoint override), Link headers, tokens, hashing. */
import { createHash } from 'node:crypto';
import { AppHttpError } from '../errors';
import type { AppPollContext } from '../types';

/** `base` + `path` + query, with the scheme and host replaced by `context.endpoint` when set. */
export function apiUrl(context: Pick<AppPollContext, 'endpoint'>, base: string, path: string, query: Readonly<Record<string, string | number | undefined>> = {}): string {
  const url = new URL(path, base);
  for (const [key, value] of Object.entries(query)) if (value !== undefined) url.searchParams.set(key, String(value));
  return rebase(context, url.toString());
}

/** A URL the API returned (next links), pointed at `context.endpoint` when set. */
export function rebase(context: Pick<AppPollContext, 'endpoint'>, absolute: string): string {
  if (context.endpoint === undefined) return absolute;
  const url = new URL(absolute);
  const endpoint = new URL(context.endpoint);
  url.protocol = endpoint.protocol;
  url.host = endpoint.host;
  return url.toString();
}

/**
 * A next link the API returned, accepted only on the configured API host over https: the next request carries
 * the app's credentials, which must never follow a link to another host. Relative links resolve against `base`.
 * @throws AppHttpError (not retryable) naming both hosts, never the link's query.
 */
export function sameHostLink(context: Pick<AppPollContext, 'endpoint'>, base: string, next: string, api: string): string {
  // With an endpoint override (tests, `app run --endpoint-url`) every request goes there: so must the links.
  const expected = new URL(context.endpoint ?? base);
  let url: URL;
  try {
    url = new URL(next, base);
  } catch {
    throw new AppHttpError(`${api}: the next link is not a URL`, undefined, false);
  }
  if (url.host !== expected.host || url.protocol !== expected.protocol) {
    throw new AppHttpError(`${api}: refused a next link to ${url.protocol}//${url.host}: credentials are sent to ${expected.host} only`, undefined, false);
  }
  return url.toString();
}

/** The `rel="next"` URL of an RFC 8288 Link header, if any. */
export function nextLink(header: string | null): string | undefined {
  if (header === null) return undefined;
  for (const part of header.split(',')) {
    const match = /<([^>]+)>\s*;(.*)/.exec(part.trim());
    if (match && /\brel="?next"?/.test(match[2] ?? '')) return match[1];
  }
  return undefined;
}

/** An object's field, or undefined when the value is not an object. */
export function field(value: unknown, key: string): unknown {
  return value !== null && typeof value === 'object' && Object.prototype.hasOwnProperty.call(value, key) ? (value as Record<string, unknown>)[key] : undefined;
}

/** A list field of a response body; anything else is an error naming the API. */
export function listField(body: unknown, key: string, api: string): unknown[] {
  const value = field(body, key);
  if (!Array.isArray(value)) throw new AppHttpError(`${api}: response has no "${key}" list`, undefined, true);
  return value;
}

/** A response body that is itself a list (Okta, GitHub). */
export function listBody(body: unknown, api: string): unknown[] {
  if (!Array.isArray(body)) throw new AppHttpError(`${api}: response is not a list`, undefined, true);
  return body;
}

/** Stable id of a log that has none of its own (SHA-256 of its JSON). */
export function contentId(log: unknown): string {
  return createHash('sha256').update(JSON.stringify(log) ?? '').digest('hex');
}

/** ISO 8601 time as epoch milliseconds (NaN when unparseable). */
export function isoMillis(value: unknown): number {
  return typeof value === 'string' ? Date.parse(value) : NaN;
}

/**
 * Calls `request` with a token from `getToken`, cached in the run's session under `key`; on a 401 the token is
 * fetched again once (tokens expire mid-run).
 */
export async function withToken<T>(context: AppPollContext, key: string, getToken: () => Promise<string>, request: (token: string) => Promise<T>): Promise<T> {
  let token = context.session.get(key) as string | undefined;
  if (token === undefined) {
    token = await getToken();
    context.session.set(key, token);
  }
  try {
    return await request(token);
  } catch (err) {
    if (!(err instanceof AppHttpError) || err.status !== 401) throw err;
    context.logger.info('access token refused; fetching a new one', { key });
    token = await getToken();
    context.session.set(key, token);
    return request(token);
  }
}
