/** Backoff between attempts: exponential with full jitter, or the server's `Retry-After`. */

/** Delay before retry `attempt` (1 = first retry): random in [0, min(max, base * 2^(attempt-1))]. */
export function backoffDelay(attempt: number, baseMs: number, maxMs: number, random: () => number): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** (attempt - 1));
  return Math.floor(random() * ceiling);
}

/**
 * Milliseconds a `Retry-After` header asks to wait (delta seconds or an HTTP date), or undefined when absent
 * or unreadable. https://www.rfc-editor.org/rfc/rfc9110#field.retry-after
 */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** Statuses worth another try: throttling and server errors. */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || status >= 500;
}
