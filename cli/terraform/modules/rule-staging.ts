/**
 * The `rule_staging` module (global, when `global.rule_staging.enabled`): the rules table, the digest topic,
 * and the rule promotion function with its schedule. The rule processors' side (read the staging state,
 * count staged alerts) is {@link ruleStagingReaderStatements}, attached by each cluster.
 */
import { Construct } from 'constructs';
import { CloudwatchEventRule } from '@cdktf/provider-aws/lib/cloudwatch-event-rule';
import { CloudwatchEventTarget } from '@cdktf/provider-aws/lib/cloudwatch-event-target';
import { DynamodbTable } from '@cdktf/provider-aws/lib/dynamodb-table';
import { LambdaPermission } from '@cdktf/provider-aws/lib/lambda-permission';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import type { Config } from '../../../runtime/config';
import { PRODUCTION_ALIAS, RULE_STAGING_ENV, rulePromotionName, rulesTableName, stagingDigestTopicName } from '../../../runtime/config/names';
import type { PolicyStatement } from '../constructs/policy';
import { StreamAlertFunction } from '../constructs/streamalert-function';
import { DEFAULT_ID } from '../stack';
import { tableKeyStatement } from './alerts-table';

/** Hash key of the rules table (runtime/staging/table.ts). */
export const RULES_TABLE_HASH_KEY = 'RuleName';

/** Table actions of the promotion function: list the rules, promote or extend them. */
export const PROMOTION_TABLE_ACTIONS = ['dynamodb:Scan', 'dynamodb:UpdateItem'];
/** Table actions of a rule processor: read the staging state of its alerts' rules, count staged alerts. */
export const RULE_PROCESSOR_STAGING_ACTIONS = ['dynamodb:BatchGetItem', 'dynamodb:UpdateItem'];

/** Properties of {@link RuleStaging}. */
export interface RuleStagingProps {
  readonly config: Config;
  /** ARN of the account region's KMS key. */
  readonly kmsKeyArn: string;
}

/** What a rule processor needs for staging: two table calls on this table, the key through DynamoDB. */
export function ruleStagingReaderStatements(staging: RuleStaging, region: string): PolicyStatement[] {
  return [{ Action: RULE_PROCESSOR_STAGING_ACTIONS, Resource: staging.table.arn }, tableKeyStatement(staging.kmsKeyArn, region, true)];
}

/** Environment of every rule processor for staging. */
export function ruleStagingEnvironment(staging: RuleStaging): Record<string, string> {
  return { [RULE_STAGING_ENV.table]: staging.tableName };
}

/** The rules table, the digest topic and the promotion function. */
export class RuleStaging extends Construct {
  readonly table: DynamodbTable;
  readonly topic: SnsTopic;
  readonly fn: StreamAlertFunction;
  readonly tableName: string;
  readonly kmsKeyArn: string;

  constructor(scope: Construct, id: string, props: RuleStagingProps) {
    super(scope, id);
    const { config, kmsKeyArn } = props;
    const region = config.account.region;
    const settings = config.global.rule_staging;
    this.kmsKeyArn = kmsKeyArn;
    this.tableName = rulesTableName(config);
    this.table = new DynamodbTable(this, 'rules_table', {
      region,
      name: this.tableName,
      billingMode: 'PAY_PER_REQUEST',
      hashKey: RULES_TABLE_HASH_KEY,
      attribute: [{ name: RULES_TABLE_HASH_KEY, type: 'S' }],
      serverSideEncryption: { enabled: true, kmsKeyArn },
      pointInTimeRecovery: { enabled: true },
      deletionProtectionEnabled: true,
    });
    this.topic = new SnsTopic(this, 'digest_topic', { region, name: stagingDigestTopicName(config), kmsMasterKeyId: kmsKeyArn });
    const functionName = rulePromotionName(config);
    this.fn = new StreamAlertFunction(this, DEFAULT_ID, {
      accountId: config.account.id,
      region,
      functionName,
      description: 'StreamAlert rule promotion: promotes quiet staged rules and sends the staging digest',
      runtime: config.functions.runtime,
      memory: settings.memory,
      timeout: settings.timeout,
      logRetentionDays: config.functions.log_retention_days,
      kmsKeyArn,
      environment: {
        LOG_LEVEL: config.functions.log_level,
        [RULE_STAGING_ENV.table]: this.tableName,
        [RULE_STAGING_ENV.topic]: this.topic.arn,
      },
    });
    this.fn.allow('rules_table', [{ Action: PROMOTION_TABLE_ACTIONS, Resource: this.table.arn }, tableKeyStatement(kmsKeyArn, region, true)]);
    this.fn.allow('digest_topic', [
      { Action: 'sns:Publish', Resource: this.topic.arn },
      // Publishing to a topic encrypted with a customer key: https://docs.aws.amazon.com/sns/latest/dg/sns-key-management.html
      { Action: ['kms:Decrypt', 'kms:GenerateDataKey'], Resource: kmsKeyArn, Condition: { StringEquals: { 'kms:ViaService': `sns.${region}.amazonaws.com` } } },
    ]);

    const schedule = new CloudwatchEventRule(this, 'schedule', {
      region,
      name: functionName,
      description: 'Runs the StreamAlert rule promotion',
      scheduleExpression: settings.schedule,
    });
    new CloudwatchEventTarget(this, 'schedule_target', { region, rule: schedule.name, targetId: 'rule_promotion', arn: this.fn.alias.arn });
    new LambdaPermission(this, 'schedule_permission', {
      region,
      statementId: 'EventBridgeRunsPromotion',
      action: 'lambda:InvokeFunction',
      functionName: this.fn.function.functionName,
      qualifier: PRODUCTION_ALIAS,
      principal: 'events.amazonaws.com',
      sourceArn: schedule.arn,
    });
  }
}
