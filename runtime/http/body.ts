/**
 * Reading an HTTP response body with a size cap: a server (a SaaS API, a threat feed, an alert vendor) must
 * not be able to make a function read an unbounded body into memory. Past the cap the body is abandoned and
 * a clear error says which kind of body, how large the cap is and where it came from.
 */
import { StreamAlertError } from '../errors';

/** Caps per kind of body, in bytes. */
export const BODY_LIMITS = {
  /** One page of an app's API (Duo's 1,000 logs are about 1 MB). */
  appPage: 32 * 1024 * 1024,
  /** One page of a threat feed. */
  feedPage: 64 * 1024 * 1024,
  /** An alert vendor's answer (only a status, an id or an error is read from it). */
  outputResponse: 1024 * 1024,
} as const;

/** A body over its cap. */
export class BodyTooLargeError extends StreamAlertError {
  constructor(what: string, limit: number) {
    super('BodyTooLarge', `${what}: the response body is over the ${limit} byte limit; it was not read`, { source: 'aws' });
  }
}

/** The body as text, read up to `limit` bytes. @throws BodyTooLargeError past it (the rest is not read). */
export async function readCappedText(response: Response, limit: number, what: string): Promise<string> {
  const declared = Number(response.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > limit) {
    await response.body?.cancel().catch(() => undefined);
    throw new BodyTooLargeError(what, limit);
  }
  if (response.body === null) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel().catch(() => undefined);
      throw new BodyTooLargeError(what, limit);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}
