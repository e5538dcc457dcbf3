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

/** Parts of a URL long enough to be a credential on their own (a webhook token in a path segment, a key in the query). */
const MIN_URL_PART_LENGTH = 8;

/**
 * The secret values plus, for a secret that is a URL, its path, path segments, query values and password:
 * a server echoing only the token part of a webhook URL must not leak it either.
 */
export function expandSecrets(secrets: readonly string[]): string[] {
  const out = new Set<string>();
  for (const secret of secrets) {
    out.add(secret);
    let url: URL;
    try {
      url = new URL(secret);
    } catch {
      continue;
    }
    const parts = [url.pathname + url.search, url.pathname.replace(/^\/+/, ''), url.password, ...url.pathname.split('/'), ...url.searchParams.values()];
    for (const part of parts) {
      const decoded = safeDecode(part);
      for (const value of [part, decoded]) if (value.length >= MIN_URL_PART_LENGTH && value !== '/') out.add(value);
    }
  }
  return [...out];
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

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
