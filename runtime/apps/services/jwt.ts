/** RS256 JSON Web Tokens for service-account style auth (Google, Box), with Node's crypto. */
import { createSign, randomUUID } from 'node:crypto';
import { AppAuthError } from '../errors';

const base64url = (value: Buffer | string): string => Buffer.from(value).toString('base64url');

/** Signs `claims` with an RSA private key (PEM, optionally encrypted with `passphrase`). */
export function signJwt(claims: Readonly<Record<string, unknown>>, privateKey: string, options: { readonly keyId?: string; readonly passphrase?: string } = {}): string {
  const header = { alg: 'RS256', typ: 'JWT', ...(options.keyId === undefined ? {} : { kid: options.keyId }) };
  const body = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify({ jti: randomUUID(), ...claims }))}`;
  try {
    const signature = createSign('RSA-SHA256').update(body).sign(options.passphrase === undefined ? privateKey : { key: privateKey, passphrase: options.passphrase });
    return `${body}.${base64url(signature)}`;
  } catch {
    // Never quote the key.
    throw new AppAuthError('the private key in the stored keyfile cannot sign (not an RSA PEM key, or a wrong passphrase)');
  }
}

/** A JSON object stored as text in one credential (a downloaded keyfile). */
export function parseKeyfile(text: string | undefined, what: string): Record<string, unknown> {
  try {
    const value = JSON.parse(text ?? '') as unknown;
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // reported below
  }
  throw new AppAuthError(`the stored ${what} is not a JSON object`, 'store the downloaded JSON file as it is');
}
