/**
 * The `alert_merger` module: the global function that an EventBridge schedule runs (every minute by
 * default) to dispatch pending alerts to the alert processor, merge them, retry them with backoff and
 * dead-letter the ones past their age or attempts.
 */
import { Construct } from 'constructs';
import { CloudwatchEventRule } from '@cdktf/provider-aws/lib/cloudwatch-event-rule';
import { CloudwatchEventTarget } from '@cdktf/provider-aws/lib/cloudwatch-event-target';
import { LambdaPermission } from '@cdktf/provider-aws/lib/lambda-permission';
import type { Config } from '../../../runtime/config';
import { ALERT_DEAD_LETTER_PREFIX, ALERT_ENV, ALERT_RECORDS_PREFIX, PRODUCTION_ALIAS } from '../../../runtime/config/names';
import { StreamAlertFunction } from '../constructs/streamalert-function';
import { DEFAULT_ID } from '../stack';
import { tableKeyStatement } from './alerts-table';
import { alertObjectStatements, type AlertStore } from './alert-store';

/** Table actions of the merger: list rules, read their alerts, record dispatches, write merged alerts, delete. */
export const MERGER_TABLE_ACTIONS = [
  'dynamodb:BatchWriteItem',
  'dynamodb:DeleteItem',
  'dynamodb:GetItem',
  'dynamodb:PutItem',
  'dynamodb:Query',
  'dynamodb:Scan',
  'dynamodb:UpdateItem',
];

/** Properties of {@link AlertMerger}. */
export interface AlertMergerProps {
  readonly config: Config;
  readonly functionName: string;
  readonly store: AlertStore;
  /** The alert processor's function name. */
  readonly processorName: string;
  /** ARN of the alert processor's `production` alias (the only function the merger may invoke). */
  readonly processorAliasArn: string;
}

/** The alert merger and its schedule. */
export class AlertMerger extends Construct {
  readonly fn: StreamAlertFunction;
  readonly schedule: CloudwatchEventRule;

  constructor(scope: Construct, id: string, props: AlertMergerProps) {
    super(scope, id);
    const { config, store } = props;
    const region = config.account.region;
    const settings = config.global.alerts.merger;
    this.fn = new StreamAlertFunction(this, DEFAULT_ID, {
      accountId: config.account.id,
      region,
      functionName: props.functionName,
      description: 'StreamAlert alert merger: dispatches, merges, retries and dead-letters pending alerts',
      runtime: config.functions.runtime,
      memory: settings.memory,
      timeout: settings.timeout,
      logRetentionDays: config.functions.log_retention_days,
      kmsKeyArn: store.kmsKeyArn,
      environment: {
        LOG_LEVEL: config.functions.log_level,
        [ALERT_ENV.table]: store.tableName,
        [ALERT_ENV.bucket]: store.bucket,
        [ALERT_ENV.processorFunction]: `${props.processorName}:${PRODUCTION_ALIAS}`,
      },
    });
    this.fn.allow('alerts_table', [{ Action: MERGER_TABLE_ACTIONS, Resource: store.tableArn }, tableKeyStatement(store.kmsKeyArn, region, true)]);
    // Large records (read, and written for merged alerts) and dead letters only: never alerts/history/.
    const [records, recordsKey] = alertObjectStatements(store, ['s3:GetObject', 's3:PutObject'], ALERT_RECORDS_PREFIX);
    const [deadLetters] = alertObjectStatements(store, ['s3:PutObject'], ALERT_DEAD_LETTER_PREFIX);
    this.fn.allow('alert_objects', [records, recordsKey, deadLetters]);
    this.fn.allow('invoke_processor', [{ Action: 'lambda:InvokeFunction', Resource: props.processorAliasArn }]);

    this.schedule = new CloudwatchEventRule(this, 'schedule', {
      region,
      name: props.functionName,
      description: 'Runs the StreamAlert alert merger',
      scheduleExpression: settings.schedule,
    });
    new CloudwatchEventTarget(this, 'schedule_target', {
      region,
      rule: this.schedule.name,
      targetId: 'alert_merger',
      arn: this.fn.alias.arn,
    });
    new LambdaPermission(this, 'schedule_permission', {
      region,
      statementId: 'EventBridgeRunsTheMerger',
      action: 'lambda:InvokeFunction',
      functionName: this.fn.function.functionName,
      qualifier: PRODUCTION_ALIAS,
      principal: 'events.amazonaws.com',
      sourceArn: this.schedule.arn,
    });
  }
}
