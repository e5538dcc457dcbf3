/**
 * The alert processor's Lambda entry point (`alert-processor-entry.handler`), invoked asynchronously by the
 * alert merger with one alert (or its table key). The rules are bundled too: they register the publishers
 * their alerts name. Lambda calls `handler`; tests call `createHandler` with overrides.
 */
import embedded from 'streamalert:config';
import 'streamalert:rules';
import '../outputs/all';
// StreamAlert's community publishers, so alerts may name them as strings ('publishers.community.generic.add_record').
import '../publishers/community';
import { alertStoreFromEnv } from '../alerts/sink';
import { ALERT_ENV, outputsSsmPrefix } from '../config/names';
import { ExitCode, StreamAlertError } from '../errors';
import { createLogger } from '../logger';
import { createSsmSecrets } from '../outputs/secrets';
import { createAlertProcessor, type AlertProcessor, type AlertProcessorOptions } from './alert-processor';

/** Builds the handler from the embedded configuration and the environment; `overrides` replace any option. */
export function createHandler(overrides: Partial<AlertProcessorOptions> = {}): AlertProcessor {
  const config = overrides.config ?? embedded.config;
  const store = overrides.store ?? alertStoreFromEnv(embedded.config);
  if (store === undefined) {
    return async () => {
      throw new StreamAlertError('MissingEnvironment', `${ALERT_ENV.table} is not set: the alert processor does not know its table`, { source: 'internal', exitCode: ExitCode.InvalidConfig });
    };
  }
  const secrets =
    overrides.secrets ??
    createSsmSecrets({
      prefix: process.env[ALERT_ENV.outputsSsmPrefix]?.trim() || outputsSsmPrefix(embedded.config),
      region: embedded.config.account.region,
      ttlSeconds: embedded.config.global.alerts.processor.secrets_cache_seconds,
    });
  return createAlertProcessor({ config, store, secrets, logger: overrides.logger ?? createLogger({ base: { function: 'alert_processor' } }) });
}

/** The Lambda handler. */
export const handler = createHandler();
