/**
 * The StreamAlert app function's Lambda entry point: one bundle for every app type; each configured app is
 * its own function whose environment names its type, its SSM parameters and the rule processor it feeds.
 * Environment: `APP_TYPE` ('duo_auth', ...), `APP_NAME` (the function name, the `streamalert_app` value the
 * rule processor looks up), `APP_DESTINATION` (`<rule processor>:production`), `APP_SSM_PREFIX`,
 * `APP_KMS_KEY` (the key the state parameter is written with), `APP_LOOKBACK_SECONDS` (first run),
 * and only for tests against a local server, `STREAMALERT_APP_ENDPOINT_URL`.
 */
import { createLambdaSender, createSsmAppStore, getApp, runApp, type AppRunSummary, type RunAppOptions } from '../apps';
import { AppConfigError } from '../apps/errors';
import { createLogger } from '../logger';

/** The parts of the Lambda context the app uses. */
interface AppLambdaContext {
  readonly functionName?: string;
  getRemainingTimeInMillis?(): number;
}

function required(env: NodeJS.ProcessEnv, name: string): string {
  const value = env[name];
  if (value === undefined || value === '') throw new AppConfigError(`environment variable ${name} is not set`, 'deploy the app with `streamalert terraform apply`');
  return value;
}

/** Builds the handler; `overrides` replace any run option (store, sender, clock) in tests. */
export function createHandler(overrides: Partial<RunAppOptions> = {}, env: NodeJS.ProcessEnv = process.env) {
  return async (_event: unknown, context?: AppLambdaContext): Promise<AppRunSummary> => {
    const name = env.APP_NAME ?? context?.functionName ?? required(env, 'APP_NAME');
    const logger = overrides.logger ?? createLogger({ base: { app: name } });
    const lookback = Number(env.APP_LOOKBACK_SECONDS ?? 3600);
    return runApp({
      app: getApp(required(env, 'APP_TYPE')),
      name,
      store: createSsmAppStore({ parameterPrefix: required(env, 'APP_SSM_PREFIX'), kmsKeyId: env.APP_KMS_KEY }),
      send: createLambdaSender(required(env, 'APP_DESTINATION')),
      endpoint: env.STREAMALERT_APP_ENDPOINT_URL,
      remainingMs: typeof context?.getRemainingTimeInMillis === 'function' ? () => context.getRemainingTimeInMillis?.() ?? 0 : undefined,
      firstRunLookbackSeconds: Number.isFinite(lookback) && lookback > 0 ? lookback : 3600,
      logger,
      ...overrides,
    });
  };
}

/** The Lambda handler (`index.handler`). */
export const handler = createHandler();
