/**
 * Output secrets: one SecureString parameter per descriptor at `<prefix>/<service>/<descriptor>` holding a
 * JSON object of the descriptor's properties (read with decryption), cached per container for a short TTL
 * so a rotated secret is picked up within minutes without an SSM call per alert.
 */
type SsmSdk = typeof import('./output-ssm-sdk.lazy');

/** Where the alert processor reads descriptor properties. */
export interface SecretSource {
  /** The descriptor's properties, or undefined when it has no parameter. Throws when SSM cannot be read. */
  get(service: string, descriptor: string): Promise<Readonly<Record<string, string>> | undefined>;
}

/** Options of {@link createSsmSecrets}. */
export interface SsmSecretsOptions {
  /** `/<prefix>/streamalert/outputs`. */
  readonly prefix: string;
  readonly region?: string;
  /** Seconds a value stays cached. */
  readonly ttlSeconds: number;
  /** @default Date.now */
  readonly now?: () => number;
}

/** The parameter name of a descriptor. */
export function secretParameterName(prefix: string, service: string, descriptor: string): string {
  return `${prefix.replace(/\/+$/, '')}/${service}/${descriptor}`;
}

/** Secrets from SSM Parameter Store (GetParameter WithDecryption), cached per container. */
export function createSsmSecrets(options: SsmSecretsOptions): SecretSource {
  const now = options.now ?? Date.now;
  const cache = new Map<string, { readonly value: Readonly<Record<string, string>>; readonly until: number }>();
  let client: Promise<{ sdk: SsmSdk; ssm: InstanceType<SsmSdk['SSMClient']> }> | undefined;
  return {
    async get(service, descriptor) {
      const name = secretParameterName(options.prefix, service, descriptor);
      const hit = cache.get(name);
      if (hit !== undefined && hit.until > now()) return hit.value;
      client ??= import('./output-ssm-sdk.lazy').then((sdk) => ({ sdk, ssm: new sdk.SSMClient(options.region ? { region: options.region } : {}) }));
      const { sdk, ssm } = await client;
      let text: string | undefined;
      try {
        const out = await ssm.send(new sdk.GetParameterCommand({ Name: name, WithDecryption: true }));
        text = out.Parameter?.Value;
      } catch (err) {
        if ((err as { name?: string }).name === 'ParameterNotFound') return undefined;
        throw err;
      }
      let value: unknown;
      try {
        value = JSON.parse(text ?? '');
      } catch {
        // Never quote the value, nor JSON.parse's message (it quotes the text): it is a secret.
        throw new SyntaxError(`SSM parameter ${name} is not a JSON object`);
      }
      if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new SyntaxError(`SSM parameter ${name} is not a JSON object`);
      const props = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]));
      cache.set(name, { value: props, until: now() + options.ttlSeconds * 1000 });
      return props;
    },
  };
}
