/**
 * The one HTTP client of the apps: Node's fetch with a timeout per call, retries with backoff and jitter on
 * network errors, 429 and 5xx (honouring `Retry-After`), no retry on other 4xx, and error messages that
 * never carry a query string, a header or a body we sent (they may hold credentials).
 */
import { BODY_LIMITS, BodyTooLargeError, readCappedText } from '../http/body';
import { AppHttpError } from './errors';
import type { AppHttp, AppRequestInit, AppResponse } from './types';

/** Options of {@link createAppHttp}. */
export interface AppHttpOptions {
  /** Milliseconds per call. @default 10_000 */
  readonly timeoutMs?: number;
  /** Retries after the first attempt. @default 4 */
  readonly retries?: number;
  /** First backoff in milliseconds, doubled per retry (with up to 50% jitter). @default 500 */
  readonly backoffMs?: number;
  /** Milliseconds left in the run: no retry waits past it. @default Infinity */
  readonly remainingMs?: () => number;
  /** @default setTimeout */
  readonly sleep?: (ms: number) => Promise<void>;
  /** @default globalThis.fetch */
  readonly fetch?: typeof fetch;
  /** Largest response body read, in bytes. @default BODY_LIMITS.appPage */
  readonly maxBodyBytes?: number;
}

const sleepFor = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Longest wait a `Retry-After` may ask for before the call is given up on (the next schedule retries). */
const MAX_RETRY_AFTER_MS = 60_000;

/** `Retry-After` as milliseconds (seconds or an HTTP date), or undefined. */
export function retryAfterMs(value: string | null, now = Date.now()): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Method and URL without query or fragment, for messages. */
function describe(method: string, url: string): string {
  try {
    const u = new URL(url);
    return `${method} ${u.origin}${u.pathname}`;
  } catch {
    return `${method} <invalid URL>`;
  }
}

async function parseBody(response: Response, what: string, limit: number): Promise<unknown> {
  const text = await readCappedText(response, limit, what);
  if (text === '') return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function cut(value: unknown, max = 300): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value) ?? '';
  return text.length > max ? `${text.slice(0, max)}...` : text;
}

/** Creates the HTTP client of one app run. */
export function createAppHttp(options: AppHttpOptions = {}): AppHttp {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const retries = options.retries ?? 4;
  const backoffMs = options.backoffMs ?? 500;
  const remaining = options.remainingMs ?? (() => Number.POSITIVE_INFINITY);
  const sleep = options.sleep ?? sleepFor;
  const doFetch = options.fetch ?? globalThis.fetch;

  const request = async (url: string, init: AppRequestInit = {}): Promise<AppResponse> => {
    const method = init.method ?? 'GET';
    const what = describe(method, url);
    const headers: Record<string, string> = { accept: 'application/json', ...init.headers };
    let body: string | undefined;
    if (typeof init.body === 'string') body = init.body;
    else if (init.body !== undefined) {
      body = JSON.stringify(init.body);
      headers['content-type'] ??= 'application/json';
    }
    for (let attempt = 0; ; attempt++) {
      let failure: string;
      let wait = backoffMs * 2 ** attempt * (1 + Math.random() / 2);
      let status: number | undefined;
      try {
        const response = await doFetch(url, { method, headers, body, signal: AbortSignal.timeout(timeoutMs) });
        status = response.status;
        const parsed = await parseBody(response, what, options.maxBodyBytes ?? BODY_LIMITS.appPage);
        if (status >= 200 && status < 300) return { status, headers: response.headers, body: parsed };
        failure = `${what} answered ${status}: ${cut(parsed)}`;
        if (status !== 429 && status < 500) throw new AppHttpError(failure, status, false);
        wait = retryAfterMs(response.headers.get('retry-after')) ?? wait;
      } catch (err) {
        if (err instanceof AppHttpError) throw err;
        if (err instanceof BodyTooLargeError) throw new AppHttpError(err.message, status, false);
        const reason = err instanceof Error && err.name === 'TimeoutError' ? `timed out after ${timeoutMs} ms` : 'failed to connect';
        failure = `${what} ${reason}`;
      }
      if (attempt >= retries || wait > MAX_RETRY_AFTER_MS || wait + timeoutMs > remaining()) {
        throw new AppHttpError(`${failure} (gave up after ${attempt + 1} attempt(s))`, status, true);
      }
      await sleep(wait);
    }
  };
  return { request };
}
