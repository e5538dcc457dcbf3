/**
 * The HTTP session of one output send: Node's fetch (TLS verification on, as Node does by default; nothing
 * here turns it off), a timeout per call from the time left, retries with backoff and jitter on network
 * errors, timeouts, 429 and 5xx (honouring `Retry-After`), none on other 4xx. Every call of a session shares
 * one budget (the alert processor's per-output timeout), so retries never outlive it: a wait that would pass
 * the budget is not taken, and the failure stays retryable for the alert merger to try again later.
 */
import { BODY_LIMITS, BodyTooLargeError, readCappedText } from '../../http/body';
import { backoffDelay, isRetryableStatus, parseRetryAfter } from './backoff';
import { OutputConfigError, OutputHttpError } from './errors';
import { cutBody, displayUrl, redactSecrets } from './redact';
import type { HttpCall, HttpResponse, HttpSession, HttpSessionOptions, QueryValue } from './types';

/** A retry is not started with less time left than this. */
const MIN_ATTEMPT_MS = 100;

/** Creates a session whose calls all finish within `options.budgetMs`. */
export function createHttpSession(options: HttpSessionOptions): HttpSession {
  const now = options.now ?? Date.now;
  const deadline = now() + options.budgetMs;
  const remainingMs = (): number => deadline - now();
  const redact = (text: string): string => redactSecrets(text, options.secrets);
  const fetchImpl = options.fetch ?? globalThis.fetch;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((done) => setTimeout(done, ms)));
  const random = options.random ?? Math.random;
  const maxAttempts = options.maxAttempts ?? 3;

  async function attempt(call: HttpCall, url: URL, where: string): Promise<HttpResponse | { failure: OutputHttpError; retryAfterMs?: number }> {
    const left = remainingMs();
    try {
      const res = await fetchImpl(url, {
        method: methodOf(call),
        headers: headersOf(call),
        body: bodyOf(call),
        signal: AbortSignal.timeout(left),
        // A redirect could carry credentials to another host: outputs must be given their final URL.
        redirect: 'manual',
      });
      const text = await readCappedText(res, options.maxBodyBytes ?? BODY_LIMITS.outputResponse, `${options.service}: ${where}`);
      if ((res.status >= 200 && res.status < 300) || call.allowStatus?.includes(res.status)) return responseOf(res, text);
      const retryable = isRetryableStatus(res.status);
      const detail = res.status >= 300 && res.status < 400 ? 'a redirect (give the final URL)' : cutBody(text);
      const failure = new OutputHttpError(redact(`${options.service}: ${where} failed with HTTP ${res.status}: ${detail}`), {
        retryable,
        status: res.status,
      });
      if (!retryable) throw failure;
      return { failure, retryAfterMs: parseRetryAfter(res.headers.get('retry-after'), now()) };
    } catch (err) {
      if (err instanceof OutputHttpError) throw err;
      // Delivered or not, the vendor's answer cannot be read: retryable (the vendor dedups by alert id).
      if (err instanceof BodyTooLargeError) return { failure: new OutputHttpError(redact(err.message), { retryable: true }) };
      const reason = isTimeout(err) ? `no response within ${left} ms` : `network error: ${networkReason(err)}`;
      return { failure: new OutputHttpError(redact(`${options.service}: ${where}: ${reason}`), { retryable: true }) };
    }
  }

  async function request(call: HttpCall): Promise<HttpResponse> {
    const url = buildUrl(call, options.service);
    const where = `${methodOf(call)} ${displayUrl(url.href)}`;
    checkPlainHttp(url, options, where);
    for (let tries = 1; ; tries += 1) {
      if (remainingMs() < MIN_ATTEMPT_MS) {
        throw new OutputHttpError(`${options.service}: ${where}: not attempted, the ${options.budgetMs} ms output timeout is spent`, { retryable: true });
      }
      const outcome = await attempt(call, url, where);
      if (!('failure' in outcome)) return outcome;
      const { failure } = outcome;
      if (tries >= maxAttempts) throw withNote(failure, `gave up after ${tries} attempts`);
      const wait = outcome.retryAfterMs ?? backoffDelay(tries, options.backoffBaseMs ?? 200, options.backoffMaxMs ?? 2000, random);
      if (wait > remainingMs() - MIN_ATTEMPT_MS) {
        throw withNote(failure, `not retried: waiting ${wait} ms would pass the ${options.budgetMs} ms output timeout`);
      }
      options.logger.warn('output call failed, retrying', {
        service: options.service,
        target: where,
        status: failure.status,
        attempt: tries,
        wait_ms: wait,
      });
      await sleep(wait);
    }
  }

  return { request, remainingMs, redact };
}

function withNote(failure: OutputHttpError, note: string): OutputHttpError {
  return new OutputHttpError(`${failure.message} (${note})`, { retryable: failure.retryable, status: failure.status });
}

function methodOf(call: HttpCall): string {
  return call.method ?? (call.json !== undefined || call.body !== undefined ? 'POST' : 'GET');
}

function headersOf(call: HttpCall): Record<string, string> {
  const headers: Record<string, string> = { 'User-Agent': 'streamalert-ts', ...call.headers };
  const hasType = Object.keys(headers).some((k) => k.toLowerCase() === 'content-type');
  if (call.json !== undefined && !hasType) headers['Content-Type'] = 'application/json';
  return headers;
}

function bodyOf(call: HttpCall): string | undefined {
  return call.json !== undefined ? JSON.stringify(call.json) : call.body;
}

function buildUrl(call: HttpCall, service: string): URL {
  let url: URL;
  try {
    url = new URL(call.url);
  } catch {
    throw new OutputConfigError(`${service}: the configured URL is not a valid URL`, 'set the descriptor again with `streamalert output set`');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new OutputConfigError(`${service}: URL scheme ${url.protocol} is not http(s)`);
  }
  for (const [key, value] of Object.entries(call.query ?? {})) appendQuery(url, key, value);
  return url;
}

/** Loopback hosts (`localhost`, 127.0.0.0/8, `::1`): traffic to them never leaves the machine. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return host === 'localhost' || host === '::1' || /^127(?:\.\d{1,3}){3}$/.test(host);
}

/**
 * Secrets over plain HTTP would cross the network in clear text: an output holding credentials may use an
 * `http://` URL only on loopback, or with the descriptor's explicit `allow_http`, and then with a warning.
 */
function checkPlainHttp(url: URL, options: HttpSessionOptions, where: string): void {
  if (url.protocol !== 'http:' || options.secrets.length === 0 || isLoopbackHost(url.hostname)) return;
  if (!options.allowPlainHttp) {
    throw new OutputConfigError(
      `${options.service}: ${where}: refused: an http:// URL would send this output's credentials in clear text`,
      'use https://, or set the descriptor property allow_http to "yes" (streamalert output set ... --allow-http) to accept the risk',
    );
  }
  options.logger.warn('output credentials sent over plain http (allow_http is set)', { service: options.service, target: where });
}

function appendQuery(url: URL, key: string, value: QueryValue | undefined): void {
  if (value === undefined) return;
  if (Array.isArray(value)) for (const item of value as readonly string[]) url.searchParams.append(key, item);
  else url.searchParams.append(key, String(value));
}

function responseOf(res: Response, text: string): HttpResponse {
  return {
    status: res.status,
    headers: res.headers,
    text,
    json: () => {
      try {
        return text === '' ? undefined : (JSON.parse(text) as unknown);
      } catch {
        return undefined;
      }
    },
  };
}

// Duck-typed: errors from fetch may come from another realm (jest's vm context), where instanceof fails.
interface ErrorLike {
  readonly name?: unknown;
  readonly message?: unknown;
  readonly code?: unknown;
  readonly cause?: unknown;
}

const asErrorLike = (value: unknown): ErrorLike | undefined => (typeof value === 'object' && value !== null ? (value as ErrorLike) : undefined);

function isTimeout(err: unknown): boolean {
  const name = asErrorLike(err)?.name;
  return name === 'TimeoutError' || name === 'AbortError';
}

function networkReason(err: unknown): string {
  const outer = asErrorLike(err);
  const cause = asErrorLike(outer?.cause);
  if (cause?.code !== undefined) return String(cause.code);
  if (typeof cause?.message === 'string') return cause.message;
  return typeof outer?.message === 'string' ? outer.message : String(err);
}
