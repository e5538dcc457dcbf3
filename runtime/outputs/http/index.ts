/**
 * The HTTP layer of every HTTP output: one session per send, a shared time budget, retries with backoff and
 * jitter on network errors, 429 and 5xx, no retry on other 4xx, secrets kept out of logs and errors.
 */
export { createHttpSession, isLoopbackHost } from './session';
export { OutputConfigError, OutputHttpError } from './errors';
export { cutBody, displayUrl, expandSecrets, redactSecrets } from './redact';
export { backoffDelay, isRetryableStatus, parseRetryAfter } from './backoff';
export type { HttpCall, HttpResponse, HttpSession, HttpSessionOptions, QueryValue } from './types';
