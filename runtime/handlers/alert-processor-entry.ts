/**
 * The alert processor's Lambda entry point (`alert-processor-entry.handler`), invoked asynchronously by the
 * alert merger with one alert (or its table key). NOT BUILT YET: every invocation fails with a NotBuilt error,
 * so Lambda's retries and the on-failure destination keep the event.
 */
import { NotBuiltError } from '../errors';

/** The alert processor handler. */
export type AlertProcessorHandler = (event: unknown, context?: unknown) => Promise<unknown>;

/** Builds the handler; `overrides` replace options (store, outputs, secrets) in tests. */
export function createHandler(overrides: Readonly<Record<string, unknown>> = {}): AlertProcessorHandler {
  void overrides;
  return async () => {
    throw new NotBuiltError('the alert processor');
  };
}

/** The Lambda handler. */
export const handler = createHandler();
