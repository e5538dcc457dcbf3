/**
 * The `streamalert_apps` module: per configured app, its function (the shared apps bundle, the app type in its
 * environment), `production` alias, log group, schedule, role and errors alarm. The role may invoke only the
 * cluster's rule processor alias, read only its own two SSM parameters and write only its state one.
 * Reserved concurrency 1 keeps runs from overlapping; a failed run is not retried by Lambda (the next schedule
 * resumes from the saved cursor).
 */
import { Construct } from 'constructs';
import { CloudwatchEventRule } from '@cdktf/provider-aws/lib/cloudwatch-event-rule';
import { CloudwatchEventTarget } from '@cdktf/provider-aws/lib/cloudwatch-event-target';
import { LambdaFunctionEventInvokeConfig } from '@cdktf/provider-aws/lib/lambda-function-event-invoke-config';
import { LambdaPermission } from '@cdktf/provider-aws/lib/lambda-permission';
import type { AppModule, LambdaRuntime } from '../../../runtime/config';
import { PRODUCTION_ALIAS } from '../../../runtime/config/names';
import { arn, type PolicyStatement } from '../constructs/policy';
import { functionErrorsAlarm } from '../constructs/errors-alarm';
import { StreamAlertFunction } from '../constructs/streamalert-function';

/** Properties of {@link Apps}. */
export interface AppsProps {
  readonly accountId: string;
  readonly region: string;
  readonly runtime: LambdaRuntime;
  /** Function name -> settings (`modules.streamalert_apps`). */
  readonly apps: Readonly<Record<string, AppModule>>;
  /** The cluster's rule processor function name; apps invoke its `production` alias. */
  readonly ruleProcessorName: string;
  /** SSM path of an app's parameters, by function name (runtime/config/names.ts `appSsmPrefix`). */
  readonly ssmPrefixOf: (functionName: string) => string;
  /** ARN of the region's KMS key (log group, environment, SSM SecureString). */
  readonly kmsKeyArn: string;
  /** ARN of the region's monitoring topic. */
  readonly topicArn: string;
}

/** The environment an app function reads (runtime/handlers/app-entry.ts). */
export function determineAppEnvironment(props: Pick<AppsProps, 'accountId' | 'region' | 'ruleProcessorName' | 'ssmPrefixOf' | 'kmsKeyArn'>, name: string, app: AppModule): Record<string, string> {
  return {
    APP_TYPE: app.type,
    APP_NAME: name,
    APP_DESTINATION: `${props.ruleProcessorName}:${PRODUCTION_ALIAS}`,
    APP_SSM_PREFIX: props.ssmPrefixOf(name),
    APP_KMS_KEY: props.kmsKeyArn,
    APP_LOOKBACK_SECONDS: String(app.first_run_lookback_seconds),
    LOG_LEVEL: app.log_level,
  };
}

/** What one app's role may do besides writing its logs. */
export function appStatements(props: Pick<AppsProps, 'accountId' | 'region' | 'ruleProcessorName' | 'ssmPrefixOf' | 'kmsKeyArn'>, name: string): PolicyStatement[] {
  const parameter = (suffix: string): string => arn(props.region, 'ssm', props.accountId, `parameter${props.ssmPrefixOf(name)}/${suffix}`);
  return [
    { Action: 'lambda:InvokeFunction', Resource: arn(props.region, 'lambda', props.accountId, `function:${props.ruleProcessorName}:${PRODUCTION_ALIAS}`) },
    { Action: 'ssm:GetParameters', Resource: [parameter('auth'), parameter('state')] },
    { Action: 'ssm:PutParameter', Resource: parameter('state') },
    {
      Action: ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey'],
      Resource: props.kmsKeyArn,
      Condition: { StringEquals: { 'kms:ViaService': `ssm.${props.region}.amazonaws.com` } },
    },
  ];
}

/** Every app of one cluster. */
export class Apps extends Construct {
  constructor(scope: Construct, id: string, props: AppsProps) {
    super(scope, id);
    for (const [name, app] of Object.entries(props.apps)) new App(this, app.app_name, props, name, app);
  }
}

class App extends Construct {
  constructor(scope: Construct, id: string, props: AppsProps, name: string, app: AppModule) {
    super(scope, id);
    const { region } = props;
    const fn = new StreamAlertFunction(this, 'function', {
      accountId: props.accountId,
      region,
      functionName: name,
      description: `StreamAlert app ${app.type} (${app.app_name})`,
      runtime: props.runtime,
      memory: app.memory,
      timeout: app.timeout,
      logRetentionDays: app.log_retention_days,
      kmsKeyArn: props.kmsKeyArn,
      environment: determineAppEnvironment(props, name, app),
      // One run at a time: a scheduled run while another is going is throttled, never overlapped.
      reservedConcurrency: 1,
    });
    fn.allow('app', appStatements(props, name));
    const alias = fn.alias;
    new LambdaFunctionEventInvokeConfig(this, 'invoke_config', {
      region,
      functionName: fn.function.functionName,
      qualifier: PRODUCTION_ALIAS,
      // The next schedule retries from the saved cursor; Lambda's own retries would only add load.
      maximumRetryAttempts: 0,
      dependsOn: [alias],
    });
    const rule = new CloudwatchEventRule(this, 'schedule', { region, name, description: `Runs StreamAlert app ${app.app_name}`, scheduleExpression: app.schedule_expression });
    new CloudwatchEventTarget(this, 'target', { region, rule: rule.name, arn: alias.arn });
    new LambdaPermission(this, 'allow_schedule', {
      region,
      statementId: 'AllowScheduledRun',
      action: 'lambda:InvokeFunction',
      functionName: fn.function.functionName,
      qualifier: PRODUCTION_ALIAS,
      principal: 'events.amazonaws.com',
      sourceArn: rule.arn,
      dependsOn: [alias],
    });
    if (app.errors_alarm.enabled) {
      functionErrorsAlarm(this, 'errors', {
        region,
        functionName: name,
        description: `app ${app.app_name} runs failed (its state keeps the last good cursor)`,
        evaluationPeriods: app.errors_alarm.evaluation_periods,
        period: app.errors_alarm.period_seconds,
        topicArn: props.topicArn,
      });
    }
  }
}
