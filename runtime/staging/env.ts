/** The rule processor's staging wiring from its environment (`RULES_TABLE`, set by Terraform when staging is on). */
import { dynamoClient } from '../alerts/client';
import type { AlertSink } from '../alerts/types';
import { RULE_STAGING_ENV } from '../config/names';
import type { Config } from '../config/types';
import { createStagingAlertSink } from './sink';
import { createRulesTable } from './table';

/**
 * `sink` wrapped with staging when staging is on and the rules table is named; `sink` itself otherwise
 * (and undefined stays undefined: local runs write nothing and stage nothing).
 */
export function withStaging(config: Pick<Config, 'account' | 'global'>, sink: AlertSink | undefined, env: NodeJS.ProcessEnv = process.env): AlertSink | undefined {
  const table = env[RULE_STAGING_ENV.table]?.trim();
  if (sink === undefined || !table || !config.global.rule_staging.enabled) return sink;
  const region = config.account.region;
  return createStagingAlertSink({ inner: sink, table: createRulesTable({ table, dynamo: () => dynamoClient(region) }), cacheSeconds: config.global.rule_staging.cache_seconds });
}
