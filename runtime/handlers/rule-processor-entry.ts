/**
 * The rule processor's Lambda entry point, bundled by `streamalert lambda package` with the configuration
 * and the rules provided as virtual modules. Lambda calls `handler`; tests call `createHandler` with overrides.
 */
import embedded from 'streamalert:config';
import 'streamalert:rules';
import { createRuleProcessor, type RuleProcessor, type RuleProcessorOptions } from './rule-processor';

/** Builds the handler from the embedded configuration; `overrides` replace any option (evaluator, getter, logger). */
export function createHandler(overrides: Partial<RuleProcessorOptions> = {}): RuleProcessor {
  return createRuleProcessor({ config: embedded.config, cluster: embedded.cluster, ...overrides });
}

/** The Lambda handler (`rule-processor-entry.handler`). */
export const handler = createHandler();
