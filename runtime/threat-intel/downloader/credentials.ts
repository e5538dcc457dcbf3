/**
 * ThreatStream credentials from an SSM SecureString parameter holding `{"api_user": ..., "api_key": ...}`
 * (StreamAlert's shape). Read once per container; never logged.
 */
import { ThreatFeedError } from '../errors';
import type { ThreatStreamCredentials } from './sources';

/** Reads and checks the parameter (the SDK is loaded on first use). */
export function ssmCredentials(parameter: string): () => Promise<ThreatStreamCredentials> {
  let cached: Promise<ThreatStreamCredentials> | undefined;
  const read = async (): Promise<ThreatStreamCredentials> => {
    const sdk = await import('./ssm-sdk.lazy');
    const client = new sdk.SSMClient({});
    let value: string | undefined;
    try {
      const out = await client.send(new sdk.GetParameterCommand({ Name: parameter, WithDecryption: true }));
      value = out.Parameter?.Value;
    } catch (err) {
      throw new ThreatFeedError(`cannot read the ThreatStream credentials from SSM parameter ${parameter}: ${(err as Error).name}`, false, err);
    } finally {
      client.destroy();
    }
    let parsed: Partial<ThreatStreamCredentials> | undefined;
    try {
      parsed = JSON.parse(value ?? '') as Partial<ThreatStreamCredentials>;
    } catch {
      parsed = undefined;
    }
    if (!parsed || typeof parsed.api_user !== 'string' || typeof parsed.api_key !== 'string' || !parsed.api_user || !parsed.api_key) {
      throw new ThreatFeedError(`SSM parameter ${parameter} must hold a JSON object with api_user and api_key`, false);
    }
    return { api_user: parsed.api_user, api_key: parsed.api_key };
  };
  return () => {
    cached ??= read().catch((err: unknown) => {
      cached = undefined;
      throw err;
    });
    return cached;
  };
}
