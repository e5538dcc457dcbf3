/**
 * The rule promotion function's Lambda entry point (`rule-promotion-entry.handler`), run on a schedule by
 * EventBridge. The rules table is named by `RULES_TABLE`, the digest topic by `STAGING_DIGEST_TOPIC` (an ARN);
 * tests call `createHandler` with overrides.
 */
import embedded from 'streamalert:config';
import { dynamoClient } from '../alerts/client';
import { RULE_STAGING_ENV } from '../config/names';
import { ExitCode, StreamAlertError } from '../errors';
import { createLogger } from '../logger';
import { createRulesTable } from '../staging/table';
import { createRulePromotion, type RulePromotionOptions, type RulePromotionResult } from './rule-promotion';

function missing(name: string): () => Promise<never> {
  return async () => {
    throw new StreamAlertError('MissingEnvironment', `${name} is not set: the rule promotion function cannot run`, { source: 'internal', exitCode: ExitCode.InvalidConfig });
  };
}

/** Builds the handler from the embedded configuration and the environment; `overrides` replace any option. */
export function createHandler(overrides: Partial<RulePromotionOptions> = {}): () => Promise<RulePromotionResult> {
  const config = overrides.config ?? embedded.config;
  const region = config.account.region;
  const tableName = process.env[RULE_STAGING_ENV.table]?.trim();
  const topic = process.env[RULE_STAGING_ENV.topic]?.trim();
  if (overrides.table === undefined && !tableName) return missing(RULE_STAGING_ENV.table);
  if (overrides.publish === undefined && !topic) return missing(RULE_STAGING_ENV.topic);
  const table = overrides.table ?? createRulesTable({ table: tableName as string, dynamo: () => dynamoClient(region) });
  const publish =
    overrides.publish ??
    (async (subject: string, message: string) => {
      const sdk = await import('../outputs/aws/output-sns-sdk.lazy');
      await new sdk.SNSClient({ region }).send(new sdk.PublishCommand({ TopicArn: topic, Subject: subject, Message: message }));
    });
  return createRulePromotion({ config, table, publish, logger: overrides.logger ?? createLogger({ base: { function: 'rule_promotion' } }), ...(overrides.now ? { now: overrides.now } : {}) });
}

/** The Lambda handler. */
export const handler = createHandler();
