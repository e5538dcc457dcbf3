/** Types of the one HTTP layer every HTTP output uses. */
import type { Logger } from '../../logger';

/** Query string values; arrays repeat the key (`statuses[]=a&statuses[]=b`). */
export type QueryValue = string | number | boolean | readonly string[];

/** One HTTP call. */
export interface HttpCall {
  /** @default 'POST' when `json` or `body` is given, else 'GET' */
  readonly method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  readonly url: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly query?: Readonly<Record<string, QueryValue | undefined>>;
  /** Sent as JSON with `Content-Type: application/json` (unless the headers set it). */
  readonly json?: unknown;
  /** A raw body; `json` wins when both are given. */
  readonly body?: string;
  /** Non-2xx statuses to return as a response instead of failing (a 404 that means "not there yet"). */
  readonly allowStatus?: readonly number[];
}

/** A successful (2xx) response, its body read. */
export interface HttpResponse {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  /** The body parsed as JSON, or undefined when it is not JSON. */
  json(): unknown;
}

/** Options of an {@link HttpSession}. */
export interface HttpSessionOptions {
  /** Output service name, for messages ('slack'). */
  readonly service: string;
  /** Total time every call of this session may take, retries and waits included. */
  readonly budgetMs: number;
  /** Values never to show in a log line or error (webhook URLs, tokens, keys). */
  readonly secrets: readonly string[];
  readonly logger: Logger;
  /**
   * Let `http://` URLs carry this session's secrets to hosts other than loopback (the descriptor's
   * `allow_http` property set to `yes`); each such call is logged as a warning. @default false: refused
   */
  readonly allowPlainHttp?: boolean;
  /** Largest response body read, in bytes. @default BODY_LIMITS.outputResponse (1 MB) */
  readonly maxBodyBytes?: number;
  /** Attempts per call, the first included. @default 3 */
  readonly maxAttempts?: number;
  /** First backoff in ms (doubled per retry, full jitter). @default 200 */
  readonly backoffBaseMs?: number;
  /** Longest backoff in ms. @default 2000 */
  readonly backoffMaxMs?: number;
  /** @default globalThis.fetch */
  readonly fetch?: typeof fetch;
  /** @default setTimeout-based sleep */
  readonly sleep?: (ms: number) => Promise<void>;
  /** @default Math.random */
  readonly random?: () => number;
  /** @default Date.now */
  readonly now?: () => number;
}

/** Makes calls within one time budget. */
export interface HttpSession {
  /** Resolves with a 2xx response; rejects with an {@link OutputHttpError} otherwise. */
  request(call: HttpCall): Promise<HttpResponse>;
  /** Milliseconds left of the budget. */
  remainingMs(): number;
  /** Replaces every secret in `text` with `***`. */
  redact(text: string): string;
}
