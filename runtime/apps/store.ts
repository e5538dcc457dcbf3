/**
 * App state and credentials in SSM Parameter Store: `<prefix>/auth` (written by `streamalert app new`) and
 * `<prefix>/state`, both SecureString JSON objects encrypted with the project's KMS key, where `<prefix>` is
 * `/<account prefix>/streamalert/apps/<function name>`. The app's role may read and write only these two.
 */
import { AppAuthError, AppConfigError } from './errors';
import type { AppState } from './types';

/** Where an app keeps its credentials and state. */
export interface AppStore {
  /** Credentials; throws {@link AppAuthError} when none are stored. */
  loadAuth(): Promise<Record<string, string>>;
  /** State; empty on the first run. */
  loadState(): Promise<AppState>;
  saveState(state: AppState): Promise<void>;
}

type SsmSdk = typeof import('./app-sdk.lazy');

/** Options of {@link createSsmAppStore}. */
export interface SsmAppStoreOptions {
  /** `/<prefix>/streamalert/apps/<function name>` */
  readonly parameterPrefix: string;
  /** KMS key (id, ARN or alias) for the state parameter. @default SSM's own key */
  readonly kmsKeyId?: string;
  /** Region of the parameters (the app's cluster). @default the environment's */
  readonly region?: string;
}

/** Names of an app's two parameters. */
export function appParameterNames(parameterPrefix: string): { readonly auth: string; readonly state: string } {
  return { auth: `${parameterPrefix}/auth`, state: `${parameterPrefix}/state` };
}

function parseObject(name: string, text: string | undefined): Record<string, unknown> {
  try {
    const value = JSON.parse(text ?? '') as unknown;
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // reported below
  }
  // Never quote the value: it may hold credentials.
  throw new AppConfigError(`SSM parameter ${name} does not hold a JSON object`, 'store it again with `streamalert app new`');
}

/** The SSM-backed store. The SDK and client are created on first use. */
export function createSsmAppStore(options: SsmAppStoreOptions): AppStore {
  const names = appParameterNames(options.parameterPrefix);
  let client: Promise<{ readonly ssm: InstanceType<SsmSdk['SSMClient']>; readonly sdk: SsmSdk }> | undefined;
  const ssm = (): NonNullable<typeof client> => (client ??= import('./app-sdk.lazy').then((sdk) => ({ sdk, ssm: new sdk.SSMClient(options.region ? { region: options.region } : {}) })));
  let fetched: Promise<Map<string, string>> | undefined;
  const both = (): Promise<Map<string, string>> =>
    (fetched ??= ssm().then(async ({ ssm: c, sdk }) => {
      const out = await c.send(new sdk.GetParametersCommand({ Names: [names.auth, names.state], WithDecryption: true }));
      return new Map((out.Parameters ?? []).map((p) => [p.Name ?? '', p.Value ?? '']));
    }));

  return {
    async loadAuth() {
      const value = (await both()).get(names.auth);
      if (value === undefined) {
        throw new AppAuthError(`no credentials stored at SSM parameter ${names.auth}`, 'store them with `streamalert app new` (prompted, never in argv)');
      }
      const parsed = parseObject(names.auth, value);
      return Object.fromEntries(Object.entries(parsed).map(([k, v]) => [k, String(v)]));
    },
    async loadState() {
      const value = (await both()).get(names.state);
      return value === undefined ? {} : (parseObject(names.state, value) as AppState);
    },
    async saveState(state) {
      const { ssm: c, sdk } = await ssm();
      await c.send(
        new sdk.PutParameterCommand({
          Name: names.state,
          Value: JSON.stringify(state),
          Type: 'SecureString',
          Overwrite: true,
          // Standard parameters hold 4,096 characters: SSM moves a larger state to the Advanced tier (8 KB).
          Tier: 'Intelligent-Tiering',
          ...(options.kmsKeyId === undefined ? {} : { KeyId: options.kmsKeyId }),
        }),
      );
    },
  };
}

/** A store in memory (tests, `app run` without `--send`). */
export function createMemoryAppStore(auth: Record<string, string>, state: AppState = {}): AppStore & { readonly saved: AppState[] } {
  let current = state;
  const saved: AppState[] = [];
  return {
    saved,
    loadAuth: async () => ({ ...auth }),
    loadState: async () => current,
    saveState: async (next) => {
      current = next;
      saved.push(next);
    },
  };
}
