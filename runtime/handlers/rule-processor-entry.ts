/**
 * The rule processor's Lambda entry point, bundled by `streamalert lambda package` with the configuration
 * and the rules provided as virtual modules. Lambda calls `handler`; tests call `createHandler` with overrides.
 */
import embedded from 'streamalert:config';
import 'streamalert:rules';
import { defaultAlertSink } from '../alerts/sink';
import { createLogger } from '../logger';
import { withStaging } from '../staging/env';
import { createRulesEngine, loadRules } from '../rules';
import { createRuleProcessor, type RuleProcessor, type RuleProcessorOptions } from './rule-processor';
import { correlationFromEnv } from './correlation-env';

// The rules engine is part of the bundle's API so that `lambda test` runs the bundle's own engine, and the
// publishers too: the rules register their publishers in the bundle's own registry.
export { createRulesEngine, loadRules };
export { composePublication } from '../publishers';

/**
 * Builds the handler from the embedded configuration; `overrides` replace any option (evaluator, getter, logger).
 * The rules are loaded here, at cold start: two rules with one name fail the function's initialisation.
 */
export function createHandler(overrides: Partial<RuleProcessorOptions> = {}): RuleProcessor {
  const logger = overrides.logger ?? createLogger();
  const evaluator =
    overrides.evaluator ??
    (() => {
      const rules = loadRules();
      return createRulesEngine({ rules, cluster: embedded.cluster, logger, correlation: correlationFromEnv(embedded.config, rules, logger) });
    })();
  // Alerts of staged rules go to the staging output only (when RULES_TABLE names the rules table).
  const alerts = overrides.alerts ?? withStaging(embedded.config, defaultAlertSink(embedded.config));
  return createRuleProcessor({ config: embedded.config, cluster: embedded.cluster, ...overrides, logger, evaluator, ...(alerts ? { alerts } : {}) });
}

/** The Lambda handler (`rule-processor-entry.handler`). */
export const handler = createHandler();
