/**
 * The rule processor's Lambda entry point, bundled by `streamalert lambda package` with the configuration
 * and the rules provided as virtual modules. Lambda calls `handler`; tests call `createHandler` with overrides.
 */
import embedded from 'streamalert:config';
import 'streamalert:rules';
import { createLogger, type Logger } from '../logger';
import { createRulesEngine, loadRules, type Alert, type RulesEngine } from '../rules';
import { createRuleProcessor, type RecordEvaluator, type RuleProcessor, type RuleProcessorOptions } from './rule-processor';

// The rules engine is part of the bundle's API so that `lambda test` runs the bundle's own engine.
export { createRulesEngine, loadRules };

/**
 * Until alert delivery exists, each alert is written as one JSON log line (`"message":"alert"`), which
 * CloudWatch Logs keeps.
 */
function loggingAlerts(engine: RulesEngine, logger: Logger): RecordEvaluator {
  return {
    evaluate(record) {
      const alerts: Alert[] = engine.evaluate(record);
      for (const alert of alerts) logger.info('alert', { alert });
      return alerts;
    },
  };
}

/**
 * Builds the handler from the embedded configuration; `overrides` replace any option (evaluator, getter, logger).
 * The rules are loaded here, at cold start: two rules with one name fail the function's initialisation.
 */
export function createHandler(overrides: Partial<RuleProcessorOptions> = {}): RuleProcessor {
  const logger = overrides.logger ?? createLogger();
  const evaluator =
    overrides.evaluator ?? loggingAlerts(createRulesEngine({ rules: loadRules(), cluster: embedded.cluster, logger }), logger);
  return createRuleProcessor({ config: embedded.config, cluster: embedded.cluster, ...overrides, logger, evaluator });
}

/** The Lambda handler (`rule-processor-entry.handler`). */
export const handler = createHandler();
