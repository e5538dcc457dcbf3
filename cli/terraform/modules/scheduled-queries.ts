/**
 * The `scheduled_queries` module (global, with `historical_search`): the scheduled query function (the
 * configuration embedded, like every function), one EventBridge schedule per pack invoking its `production`
 * alias with `{"pack": "<name>"}`, and an errors alarm. Its role may run queries in the workgroup only, read the
 * Glue catalog of the historical database and, in the data bucket (Athena reads with the caller's rights), only
 * the prefixes of the Glue tables (each Firehose log type, the alert history) and its results; write results
 * under `athena-results/`; use the project key through S3 only; and put records on the destination stream only.
 */
import { Construct } from 'constructs';
import { CloudwatchEventRule } from '@cdktf/provider-aws/lib/cloudwatch-event-rule';
import { CloudwatchEventTarget } from '@cdktf/provider-aws/lib/cloudwatch-event-target';
import { LambdaFunctionEventInvokeConfig } from '@cdktf/provider-aws/lib/lambda-function-event-invoke-config';
import { LambdaPermission } from '@cdktf/provider-aws/lib/lambda-permission';
import type { Config } from '../../../runtime/config';
import { ALERT_HISTORY_PREFIX, ATHENA_RESULTS_PREFIX, athenaWorkgroupName, glueDatabaseName, PRODUCTION_ALIAS, scheduledQueriesFunctionName } from '../../../runtime/config/names';
import { arn, type PolicyStatement } from '../constructs/policy';
import type { SecureBucket } from '../constructs/secure-bucket';
import { functionErrorsAlarm } from '../constructs/errors-alarm';
import { StreamAlertFunction } from '../constructs/streamalert-function';
import { dataPrefix } from '../names';
import { toIdentifier } from '../stack';

/** Properties of {@link ScheduledQueries}. */
export interface ScheduledQueriesProps {
  readonly config: Config;
  readonly dataBucket: SecureBucket;
  /** Key of the account region (data bucket, results, function). */
  readonly kmsKeyArn: string;
  /** Key of the destination stream's region (the stream is encrypted with it). */
  readonly streamKmsKeyArn: string;
  /** Region of the destination stream: the cluster whose kinesis data source it is. */
  readonly streamRegion: string;
  readonly topicArn: string;
}

/** What the scheduled query role may do besides writing its logs. */
export function scheduledQueryStatements(props: ScheduledQueriesProps): PolicyStatement[] {
  const { config } = props;
  const { account } = config;
  const bucket = props.dataBucket.bucket;
  const database = glueDatabaseName(config);
  return [
    {
      Action: ['athena:StartQueryExecution', 'athena:GetQueryExecution', 'athena:GetQueryResults', 'athena:StopQueryExecution'],
      Resource: arn(account.region, 'athena', account.id, `workgroup/${athenaWorkgroupName(config)}`),
    },
    {
      Action: ['glue:GetDatabase', 'glue:GetTable', 'glue:GetTables', 'glue:GetPartition', 'glue:GetPartitions'],
      Resource: [
        arn(account.region, 'glue', account.id, 'catalog'),
        arn(account.region, 'glue', account.id, `database/${database}`),
        arn(account.region, 'glue', account.id, `table/${database}/*`),
      ],
    },
    { Action: ['s3:GetBucketLocation', 's3:ListBucket'], Resource: bucket.arn },
    {
      Action: 's3:GetObject',
      // The tables' data (never firehose-errors/, dead letters or alert records) and the query results.
      Resource: [
        ...[...new Set(config.global.firehose.log_types.map(dataPrefix))].sort().map((prefix) => `${bucket.arn}/${prefix}/*`),
        `${bucket.arn}/${ALERT_HISTORY_PREFIX}/*`,
        `${bucket.arn}/${ATHENA_RESULTS_PREFIX}*`,
      ],
    },
    { Action: ['s3:PutObject', 's3:AbortMultipartUpload'], Resource: `${bucket.arn}/${ATHENA_RESULTS_PREFIX}*` },
    // The data bucket's key, used by S3 on the role's behalf only.
    { Action: ['kms:Decrypt', 'kms:GenerateDataKey'], Resource: props.kmsKeyArn, Condition: { StringEquals: { 'kms:ViaService': `s3.${account.region}.amazonaws.com` } } },
    {
      Action: 'kinesis:PutRecords',
      Resource: arn(props.streamRegion, 'kinesis', account.id, `stream/${config.scheduled_queries.destination_kinesis_stream}`),
    },
    {
      Action: 'kms:GenerateDataKey',
      Resource: props.streamKmsKeyArn,
      Condition: { StringEquals: { 'kms:ViaService': `kinesis.${props.streamRegion}.amazonaws.com` } },
    },
  ];
}

/** The scheduled query function and its schedules. */
export class ScheduledQueries extends Construct {
  constructor(scope: Construct, id: string, props: ScheduledQueriesProps) {
    super(scope, id);
    const { config } = props;
    const settings = config.scheduled_queries;
    const region = config.account.region;
    const name = scheduledQueriesFunctionName(config);
    const fn = new StreamAlertFunction(this, 'function', {
      accountId: config.account.id,
      region,
      functionName: name,
      description: 'StreamAlert scheduled queries: runs Athena query packs and puts their results on the destination stream',
      runtime: config.functions.runtime,
      memory: settings.function.memory,
      timeout: settings.function.timeout,
      logRetentionDays: settings.function.log_retention_days,
      kmsKeyArn: props.kmsKeyArn,
      environment: { LOG_LEVEL: settings.function.log_level },
    });
    fn.allow('run_queries', scheduledQueryStatements(props));
    // No async retries: a retry would run the whole pack again (the run reports its stopped queries itself).
    new LambdaFunctionEventInvokeConfig(this, 'async', { region, functionName: fn.function.functionName, qualifier: PRODUCTION_ALIAS, maximumRetryAttempts: 0, dependsOn: [fn.alias] });
    for (const [pack, p] of Object.entries(settings.packs)) {
      const packId = toIdentifier(pack);
      const rule = new CloudwatchEventRule(this, `${packId}_schedule`, {
        region,
        name: `${name}_${pack}`.slice(0, 64),
        description: p.description || `Runs the ${pack} query pack`,
        scheduleExpression: p.schedule_expression,
      });
      new CloudwatchEventTarget(this, `${packId}_target`, { region, rule: rule.name, arn: fn.alias.arn, input: JSON.stringify({ pack }) });
      new LambdaPermission(this, `${packId}_allow_schedule`, {
        region,
        statementId: `AllowSchedule_${packId}`.slice(0, 100),
        action: 'lambda:InvokeFunction',
        functionName: fn.function.functionName,
        qualifier: PRODUCTION_ALIAS,
        principal: 'events.amazonaws.com',
        sourceArn: rule.arn,
        dependsOn: [fn.alias],
      });
    }
    if (settings.function.alarms_enabled) {
      functionErrorsAlarm(this, 'errors', {
        region,
        functionName: name,
        description: 'scheduled query runs failed',
        threshold: settings.function.error_threshold,
        evaluationPeriods: settings.function.error_evaluation_periods,
        period: settings.function.error_period_secs,
        topicArn: props.topicArn,
      });
    }
  }
}
