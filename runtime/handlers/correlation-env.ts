/** Where the deployed rule processor keeps correlation state: the table Terraform names in CORRELATION_TABLE. */
import type { Config } from '../config/types';
import { CORRELATION_TABLE_ENV } from '../config/names';
import type { Logger } from '../logger';
import { createDynamoCorrelationStore, createMemoryCorrelationStore, type CorrelationStore } from '../rules/correlation';
import type { RuleDefinition } from '../rules/types';

/**
 * The correlation store of the rule processor: DynamoDB (in the account region) when `CORRELATION_TABLE` is set,
 * deciding per chunk; otherwise memory, deciding at once. A function deployed with correlation rules but no table
 * counts per container only: that is logged as an error at cold start, so the gap is seen.
 */
export function correlationFromEnv(config: Config, rules: readonly RuleDefinition[], logger: Logger): { store: CorrelationStore; immediate: boolean } {
  const table = process.env[CORRELATION_TABLE_ENV];
  if (table !== undefined && table !== '') return { store: createDynamoCorrelationStore({ table, region: config.account.region }), immediate: false };
  const correlated = rules.filter((r) => !r.disabled && (r.options.threshold !== undefined || r.options.correlation !== undefined));
  if (correlated.length > 0 && process.env.AWS_LAMBDA_FUNCTION_NAME !== undefined) {
    logger.error('correlation rules without CORRELATION_TABLE: counts are kept per container and will be wrong', {
      rules: correlated.map((r) => r.name),
    });
  }
  return { store: createMemoryCorrelationStore(), immediate: true };
}
