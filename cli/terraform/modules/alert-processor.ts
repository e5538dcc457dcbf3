/**
 * The `alert_processor` module: the global function that sends one alert to each of its outputs, its
 * least-privilege role, and an encrypted queue that keeps the events of asynchronous invocations that
 * failed every Lambda retry (the merger dispatches again anyway; the queue is the trace).
 */
import { Construct } from 'constructs';
import { LambdaFunctionEventInvokeConfig } from '@cdktf/provider-aws/lib/lambda-function-event-invoke-config';
import { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue';
import type { Config } from '../../../runtime/config';
import { ALERT_ENV, ALERT_RECORDS_PREFIX, PRODUCTION_ALIAS } from '../../../runtime/config/names';
import { arn, type PolicyStatement } from '../constructs/policy';
import { StreamAlertFunction } from '../constructs/streamalert-function';
import { DEFAULT_ID } from '../stack';
import { determineOutputStatements } from './alert-outputs';
import { tableKeyStatement } from './alerts-table';
import { alertObjectStatements, type AlertStore } from './alert-store';

/** Lambda retries of a failed asynchronous invocation before the on-failure destination (0-2). */
export const PROCESSOR_ASYNC_RETRIES = 2;
/** Oldest asynchronous event Lambda still runs (seconds); the merger re-dispatches older alerts itself. */
export const PROCESSOR_MAX_EVENT_AGE_SECONDS = 3600;
/** Two weeks: the longest SQS keeps a message. */
const FAILURE_RETENTION_SECONDS = 1_209_600;

/** Properties of {@link AlertProcessor}. */
export interface AlertProcessorProps {
  readonly config: Config;
  readonly functionName: string;
  readonly store: AlertStore;
  /** Where output secrets live: `/<prefix>/streamalert/outputs`. */
  readonly ssmPrefix: string;
}

/** Reading output secrets: GetParameter under the outputs prefix only, decrypted through SSM only. */
export function secretStatements(config: Pick<Config, 'account'>, ssmPrefix: string, kmsKeyArn: string): PolicyStatement[] {
  const { region, id } = config.account;
  return [
    { Action: 'ssm:GetParameter', Resource: arn(region, 'ssm', id, `parameter${ssmPrefix}/*`) },
    { Action: 'kms:Decrypt', Resource: kmsKeyArn, Condition: { StringEquals: { 'kms:ViaService': `ssm.${region}.amazonaws.com` } } },
  ];
}

/** The alert processor. */
export class AlertProcessor extends Construct {
  readonly fn: StreamAlertFunction;
  readonly failureQueue: SqsQueue;

  constructor(scope: Construct, id: string, props: AlertProcessorProps) {
    super(scope, id);
    const { config, store } = props;
    const region = config.account.region;
    const settings = config.global.alerts.processor;
    this.fn = new StreamAlertFunction(this, DEFAULT_ID, {
      accountId: config.account.id,
      region,
      functionName: props.functionName,
      description: 'StreamAlert alert processor: applies publishers and sends each alert to its outputs',
      runtime: config.functions.runtime,
      memory: settings.memory,
      timeout: settings.timeout,
      logRetentionDays: config.functions.log_retention_days,
      kmsKeyArn: store.kmsKeyArn,
      environment: {
        LOG_LEVEL: config.functions.log_level,
        [ALERT_ENV.table]: store.tableName,
        [ALERT_ENV.bucket]: store.bucket,
        [ALERT_ENV.outputsSsmPrefix]: props.ssmPrefix,
      },
    });
    this.fn.allow('alerts_table', [
      // GetItem (consistent read), UpdateItem (claim, each output's result), PutItem (the tombstone).
      { Action: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'], Resource: store.tableArn },
      tableKeyStatement(store.kmsKeyArn, region, true),
    ]);
    // Reads the records of large alerts; writes nothing to the bucket.
    this.fn.allow('alert_objects', alertObjectStatements(store, ['s3:GetObject'], ALERT_RECORDS_PREFIX));
    this.fn.allow('output_secrets', secretStatements(config, props.ssmPrefix, store.kmsKeyArn));
    const outputs = determineOutputStatements(config);
    if (outputs.length > 0) this.fn.allow('outputs', outputs);

    this.failureQueue = new SqsQueue(this, 'failures', {
      region,
      name: `${props.functionName}_failures`,
      messageRetentionSeconds: FAILURE_RETENTION_SECONDS,
      kmsMasterKeyId: store.kmsKeyArn,
    });
    const destination = this.fn.allow('failure_destination', [
      { Action: 'sqs:SendMessage', Resource: this.failureQueue.arn },
      {
        Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
        Resource: store.kmsKeyArn,
        Condition: { StringEquals: { 'kms:ViaService': `sqs.${region}.amazonaws.com` } },
      },
    ]);
    new LambdaFunctionEventInvokeConfig(this, 'async', {
      region,
      functionName: this.fn.function.functionName,
      qualifier: PRODUCTION_ALIAS,
      maximumRetryAttempts: PROCESSOR_ASYNC_RETRIES,
      maximumEventAgeInSeconds: PROCESSOR_MAX_EVENT_AGE_SECONDS,
      destinationConfig: { onFailure: { destination: this.failureQueue.arn } },
      // Lambda checks the role's right to send when the configuration is saved.
      dependsOn: [this.fn.alias, destination],
    });
  }
}
