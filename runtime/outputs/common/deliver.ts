/**
 * The frame of every output's `send`: one HTTP session within the per-output timeout, secrets of the
 * descriptor registered for redaction, and every failure turned into an {@link OutputResult} (never a throw).
 */
import { errorMessage, StreamAlertError } from '../../errors';
import { createHttpSession, expandSecrets, OutputConfigError, OutputHttpError, redactSecrets, type HttpSession } from '../http';
import type { OutputContext, OutputProperty, OutputResult } from '../types';

/** What {@link deliver} needs of the output. */
export interface DeliverTarget {
  readonly service: string;
  readonly properties: readonly OutputProperty[];
}

/** The values of a descriptor's secret properties (what must never be shown). */
export function secretValues(target: DeliverTarget, context: OutputContext): string[] {
  return expandSecrets(target.properties.filter((p) => p.secret).map((p) => context.properties[p.name] ?? '').filter((v) => v !== ''));
}

/**
 * Runs `work` with an HTTP session and maps its outcome: a string or nothing is success (the string is the
 * detail), an {@link OutputHttpError} keeps its retryable flag, a configuration problem is permanent, and an
 * AWS SDK error is retryable when the SDK says so (throttling, 5xx).
 */
export async function deliver(
  target: DeliverTarget,
  context: OutputContext,
  work: (http: HttpSession) => Promise<string | void>,
): Promise<OutputResult> {
  const secrets = secretValues(target, context);
  const allowPlainHttp = (context.properties.allow_http ?? '').trim().toLowerCase() === 'yes';
  const http = createHttpSession({ service: target.service, budgetMs: context.timeoutMs, secrets, logger: context.logger, allowPlainHttp });
  try {
    const detail = await work(http);
    return detail === undefined ? { ok: true } : { ok: true, detail: redactSecrets(detail, secrets) };
  } catch (err) {
    return failureOf(target.service, err, secrets);
  }
}

/** Maps a thrown value to a failed result, secrets removed from the message. */
export function failureOf(service: string, err: unknown, secrets: readonly string[]): OutputResult {
  const message = (text: string): string => redactSecrets(text, secrets);
  if (err instanceof OutputHttpError) return { ok: false, retryable: err.retryable, error: message(err.message) };
  if (err instanceof OutputConfigError) return { ok: false, retryable: false, error: message(err.hint ? `${err.message} (${err.hint})` : err.message) };
  if (err instanceof StreamAlertError) return { ok: false, retryable: false, error: message(err.message) };
  const aws = awsErrorInfo(err);
  if (aws) return { ok: false, retryable: aws.retryable, error: message(`${service}: ${aws.name}: ${errorMessage(err)}`) };
  return { ok: false, retryable: false, error: message(`${service}: unexpected error: ${errorMessage(err)}`) };
}

/** AWS SDK v3 errors carry `$metadata` and, for throttling and 5xx, `$retryable`. */
function awsErrorInfo(err: unknown): { name: string; retryable: boolean } | undefined {
  if (!(err instanceof Error) || !('$metadata' in err)) return undefined;
  const meta = (err as { $metadata?: { httpStatusCode?: number } }).$metadata;
  const status = meta?.httpStatusCode ?? 0;
  const flagged = (err as { $retryable?: unknown }).$retryable !== undefined;
  const fault = (err as { $fault?: string }).$fault;
  const throttled = /Throttl|TooManyRequests|RequestLimitExceeded|ServiceUnavailable/.test(err.name);
  return { name: err.name, retryable: flagged || throttled || fault === 'server' || status === 429 || status >= 500 };
}

/** A required descriptor property, or an {@link OutputConfigError} naming it. */
export function requireProperty(context: OutputContext, service: string, name: string): string {
  const value = context.properties[name];
  if (value === undefined || value.trim() === '') {
    throw new OutputConfigError(
      `${service}:${context.descriptor}: property "${name}" is not set`,
      `run \`streamalert output set ${service} --descriptor ${context.descriptor}\``,
    );
  }
  return value.trim();
}

/** An optional descriptor property (undefined when empty). */
export function optionalProperty(context: OutputContext, name: string): string | undefined {
  const value = context.properties[name]?.trim();
  return value === undefined || value === '' ? undefined : value;
}

/** Joins a base URL and a path with exactly one slash between them. */
export function joinUrl(base: string, path: string): string {
  return `${base.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
}

/**
 * Abort signals for AWS SDK calls that share one output's budget: each call gets the time left, so an
 * AssumeRole followed by an Invoke never takes longer than the output timeout together.
 */
export function budgetSignals(timeoutMs: number, now: () => number = Date.now): () => AbortSignal {
  const deadline = now() + timeoutMs;
  return () => AbortSignal.timeout(Math.max(1, deadline - now()));
}
