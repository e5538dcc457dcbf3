/**
 * The alert merger's Lambda entry point (`alert-merger-entry.handler`), run every minute by an EventBridge
 * schedule. NOT BUILT YET: every invocation fails with a NotBuilt error (alerts stay in the table).
 */
import { NotBuiltError } from '../errors';

/** The alert merger handler. */
export type AlertMergerHandler = (event: unknown, context?: unknown) => Promise<unknown>;

/** Builds the handler; `overrides` replace options (store, invoker, clock) in tests. */
export function createHandler(overrides: Readonly<Record<string, unknown>> = {}): AlertMergerHandler {
  void overrides;
  return async () => {
    throw new NotBuiltError('the alert merger');
  };
}

/** The Lambda handler. */
export const handler = createHandler();
