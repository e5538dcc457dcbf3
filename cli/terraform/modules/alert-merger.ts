/**
 * The `alert_merger` module: the global function that an EventBridge schedule runs (every minute by
 * default) to dispatch pending alerts to the alert processor, merge them, retry them with backoff and
 * dead-letter the ones past their age or attempts.
 */
import { Construct } from 'constructs';
import { CloudwatchEventRule } from '@cdktf/provider-aws/lib/cloudwatch-event-rule';
import { CloudwatchEventTarget } from '@cdktf/provider-aws/lib/cloudwatch-event-target';
import { LambdaFunctionEventInvokeConfig } from '@cdktf/provider-aws/lib/lambda-function-event-invoke-config';
import { LambdaPermission } from '@cdktf/provider-aws/lib/lambda-permission';
import type { Config } from '../../../runtime/config';
import { ALERT_DEAD_LETTER_PREFIX, ALERT_ENV, ALERT_RECORDS_PREFIX, PRODUCTION_ALIAS } from '../../../runtime/config/names';
import { StreamAlertFunction } from '../constructs/streamalert-function';
import { DEFAULT_ID } from '../stack';
import { ALERTS_DUE_INDEX, tableKeyStatement } from './alerts-table';
import { alertObjectStatements, type AlertStore } from './alert-store';

/**
 * Table actions of the merger: read the due index and the due items, claim dispatches, write merged alerts,
 * tombstones and the merge lock, release the lock.
 */
export const MERGER_TABLE_ACTIONS = [
  'dynamodb:BatchGetItem',
  'dynamodb:BatchWriteItem',
  'dynamodb:DeleteItem',
  'dynamodb:GetItem',
  'dynamodb:PutItem',
  'dynamodb:Query',
  'dynamodb:UpdateItem',
];

/** Reserved concurrency of the merger. */
export const MERGER_RESERVED_CONCURRENCY = 1;
/** Oldest scheduled event the merger still runs (Lambda's minimum): older ones overlap the next schedule. */
export const MERGER_MAX_EVENT_AGE_SECONDS = 60;

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
      // One run at a time: a slow run and the next scheduled one never work side by side (the code's claims
      // and merge locks make an overlap harmless anyway).
      reservedConcurrency: MERGER_RESERVED_CONCURRENCY,
      environment: {
        LOG_LEVEL: config.functions.log_level,
        [ALERT_ENV.table]: store.tableName,
        [ALERT_ENV.bucket]: store.bucket,
        [ALERT_ENV.processorFunction]: `${props.processorName}:${PRODUCTION_ALIAS}`,
      },
    });
    this.fn.allow('alerts_table', [
      { Action: MERGER_TABLE_ACTIONS, Resource: [store.tableArn, `${store.tableArn}/index/${ALERTS_DUE_INDEX}`] },
      tableKeyStatement(store.kmsKeyArn, region, true),
    ]);
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
    // No asynchronous retries: a failed run is simply followed by the next scheduled one, never overlapped by a
    // retry of itself; an event that waited longer than a minute is dropped (the next run does its work).
    new LambdaFunctionEventInvokeConfig(this, 'async', {
      region,
      functionName: this.fn.function.functionName,
      qualifier: PRODUCTION_ALIAS,
      maximumRetryAttempts: 0,
      maximumEventAgeInSeconds: MERGER_MAX_EVENT_AGE_SECONDS,
      dependsOn: [this.fn.alias],
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
