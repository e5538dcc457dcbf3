/**
 * Keeping secrets out of logs and errors: URLs are shown by origin only (a Slack or Teams webhook URL is a
 * secret in its path), and every known secret value is replaced wherever it appears (a server echoing a
 * token back in an error body).
 */

/** The part of a URL safe to show: scheme, host and port. */
export function displayUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}/…`;
  } catch {
    return '<invalid url>';
  }
}

/** Secrets shorter than this are not searched for (they would mask ordinary words). */
const MIN_SECRET_LENGTH = 4;

/** Replaces each secret (and its URL-encoded and Basic-auth forms' raw value) in `text` with `***`. */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  const values = secrets.filter((s) => s.length >= MIN_SECRET_LENGTH).sort((a, b) => b.length - a.length);
  for (const secret of values) {
    for (const form of new Set([secret, encodeURIComponent(secret)])) out = out.split(form).join('***');
  }
  return out;
}

/** Cuts a response body for an error message. */
export function cutBody(text: string, max = 300): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max)}… (${flat.length} chars)` : flat;
}
