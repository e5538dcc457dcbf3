/**
 * The alert merger's Lambda entry point (`alert-merger-entry.handler`), run every minute by an EventBridge
 * schedule. Lambda calls `handler`; tests call `createHandler` with overrides.
 */
import embedded from 'streamalert:config';
import { lambdaInvoker } from '../alerts/invoker';
import { s3AlertObjects } from '../alerts/records';
import { alertStoreFromEnv } from '../alerts/sink';
import { ALERT_ENV } from '../config/names';
import { ExitCode, StreamAlertError } from '../errors';
import { createLogger } from '../logger';
import { createAlertMerger, type AlertMerger, type AlertMergerOptions } from './alert-merger';

const missing = (name: string): AlertMerger => async () => {
  throw new StreamAlertError('MissingEnvironment', `${name} is not set: the alert merger cannot run`, { source: 'internal', exitCode: ExitCode.InvalidConfig });
};

/** Builds the handler from the embedded configuration and the environment; `overrides` replace any option. */
export function createHandler(overrides: Partial<AlertMergerOptions> = {}): AlertMerger {
  const config = overrides.config ?? embedded.config;
  const region = embedded.config.account.region;
  const store = overrides.store ?? alertStoreFromEnv(embedded.config);
  if (store === undefined) return missing(ALERT_ENV.table);
  const processor = process.env[ALERT_ENV.processorFunction]?.trim();
  const invoke = overrides.invoke ?? (processor ? lambdaInvoker(processor, region) : undefined);
  if (invoke === undefined) return missing(ALERT_ENV.processorFunction);
  const bucket = process.env[ALERT_ENV.bucket]?.trim();
  const objects = overrides.objects ?? (bucket ? s3AlertObjects(bucket, region) : undefined);
  const logger = overrides.logger ?? createLogger({ base: { function: 'alert_merger' } });
  return createAlertMerger({ config, store, invoke, logger, ...(objects ? { objects } : {}), ...(overrides.now ? { now: overrides.now } : {}) });
}

/** The Lambda handler. */
export const handler = createHandler();
