/**
 * GET with bounded retries for threat feeds (Node's fetch): a 5xx, a 429 or a network error is tried again
 * with exponential backoff; any other non-2xx status fails at once. The URL is never logged whole (a
 * feed URL may carry a token): messages name its origin and path only.
 */
import { ThreatFeedError } from '../errors';

/** Options of {@link getWithRetry}. */
export interface RetryOptions {
  readonly headers?: Readonly<Record<string, string>>;
  /** Attempts in all. @default 3 */
  readonly attempts?: number;
  /** First wait; doubled after each failure. @default 500 */
  readonly backoffMs?: number;
  /** Per request. @default 30000 */
  readonly timeoutMs?: number;
  /** Called before each retry (for logs). */
  readonly onRetry?: (attempt: number, reason: string) => void;
}

/** `origin + path` of a URL, without its query string (which may hold credentials). */
export function safeUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.origin}${u.pathname}`;
  } catch {
    return '<invalid url>';
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Fetches `url`, retrying transient failures; resolves with a 2xx response. */
export async function getWithRetry(url: string, options: RetryOptions = {}): Promise<Response> {
  const attempts = options.attempts ?? 3;
  const backoff = options.backoffMs ?? 500;
  let last: ThreatFeedError | undefined;
  for (let attempt = 1; attempt <= attempts; attempt += 1) {
    if (attempt > 1) {
      options.onRetry?.(attempt, last?.message ?? 'unknown');
      await sleep(backoff * 2 ** (attempt - 2));
    }
    let response: Response;
    try {
      response = await fetch(url, { headers: options.headers, signal: AbortSignal.timeout(options.timeoutMs ?? 30_000) });
    } catch (err) {
      last = new ThreatFeedError(`GET ${safeUrl(url)} failed: ${(err as Error).message}`, true, err);
      continue;
    }
    if (response.ok) return response;
    const retryable = response.status >= 500 || response.status === 429;
    await response.body?.cancel();
    last = new ThreatFeedError(`GET ${safeUrl(url)} returned HTTP ${response.status}`, retryable);
    if (!retryable) throw last;
  }
  throw last ?? new ThreatFeedError(`GET ${safeUrl(url)} failed`, true);
}

/** The `rel="next"` target of a Link header (RFC 8288), resolved against `base`. */
export function nextLink(header: string | null, base: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(',')) {
    const match = /<([^>]*)>\s*;(.*)$/.exec(part.trim());
    if (match && /\brel="?next"?/i.test(match[2] ?? '')) return new URL(match[1] ?? '', base).toString();
  }
  return undefined;
}
