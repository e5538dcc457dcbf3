/**
 * The `threat_intel` module (global, account region): the IOC table (hash key `ioc_value`, TTL on
 * `expiration_ts`, on-demand, project KMS key, point-in-time recovery, deletion protection) and, when
 * `threat_intel.json` enables it, the downloader function with its `production` alias, schedule, log group,
 * errors alarm and a role that may only write to the table and read its one SSM parameter.
 */
import { Construct } from 'constructs';
import { CloudwatchEventRule } from '@cdktf/provider-aws/lib/cloudwatch-event-rule';
import { CloudwatchEventTarget } from '@cdktf/provider-aws/lib/cloudwatch-event-target';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { DynamodbTable } from '@cdktf/provider-aws/lib/dynamodb-table';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { LambdaAlias } from '@cdktf/provider-aws/lib/lambda-alias';
import { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function';
import { LambdaFunctionEventInvokeConfig } from '@cdktf/provider-aws/lib/lambda-function-event-invoke-config';
import { LambdaPermission } from '@cdktf/provider-aws/lib/lambda-permission';
import type { Config } from '../../../runtime/config';
import { PRODUCTION_ALIAS, threatIntelDownloaderName, threatStreamParameterName } from '../../../runtime/config/names';
import { BOOTSTRAP_HANDLER, BOOTSTRAP_PACKAGE_FILE } from '../bootstrap-package';
import { functionErrorsAlarm } from '../constructs/errors-alarm';
import { arn, assumeRolePolicy, type PolicyStatement } from '../constructs/policy';
import { attachPolicy } from '../constructs/role-policy';
import { DEPLOY_OWNED_CODE_FIELDS } from './rule-processor';

/** Properties of {@link ThreatIntel}. */
export interface ThreatIntelProps {
  readonly config: Config;
  /** ARN of the account region's KMS key (table, log group, environment, SSM SecureString). */
  readonly kmsKeyArn: string;
  /** ARN of the account region's monitoring topic (downloader errors alarm). */
  readonly topicArn: string;
}

/** True when the configuration needs the IOC table (matching or the downloader is on). */
export function needsIocTable(config: Config): boolean {
  return config.threat_intel.enabled || config.threat_intel.downloader.enabled;
}

/** ARN of the IOC table. */
export function iocTableArn(config: Config): string {
  return arn(config.account.region, 'dynamodb', config.account.id, `table/${config.threat_intel.table}`);
}

/** What the downloader's role may do besides writing its logs. */
export function downloaderStatements(config: Config, kmsKeyArn: string): PolicyStatement[] {
  const { region, id } = config.account;
  const statements: PolicyStatement[] = [
    { Action: 'dynamodb:BatchWriteItem', Resource: iocTableArn(config) },
    { Action: ['kms:Decrypt', 'kms:GenerateDataKey'], Resource: kmsKeyArn, Condition: { StringEquals: { 'kms:ViaService': `dynamodb.${region}.amazonaws.com` } } },
  ];
  if (config.threat_intel.downloader.threatstream?.enabled) {
    statements.push(
      { Action: 'ssm:GetParameter', Resource: arn(region, 'ssm', id, `parameter${threatStreamParameterName(config)}`) },
      { Action: 'kms:Decrypt', Resource: kmsKeyArn, Condition: { StringEquals: { 'kms:ViaService': `ssm.${region}.amazonaws.com` } } },
    );
  }
  return statements;
}

/** The IOC table and the downloader. */
export class ThreatIntel extends Construct {
  readonly table: DynamodbTable;

  constructor(scope: Construct, id: string, props: ThreatIntelProps) {
    super(scope, id);
    const { config, kmsKeyArn } = props;
    const region = config.account.region;
    this.table = new DynamodbTable(this, 'ioc_table', {
      region,
      name: config.threat_intel.table,
      billingMode: 'PAY_PER_REQUEST',
      hashKey: 'ioc_value',
      attribute: [{ name: 'ioc_value', type: 'S' }],
      ttl: { attributeName: 'expiration_ts', enabled: true },
      serverSideEncryption: { enabled: true, kmsKeyArn },
      pointInTimeRecovery: { enabled: true },
      deletionProtectionEnabled: true,
      tags: { Name: 'StreamAlert', AltName: 'ThreatIntel' },
    });
    if (config.threat_intel.downloader.enabled) this.downloader(props);
  }

  private downloader(props: ThreatIntelProps): void {
    const { config, kmsKeyArn } = props;
    const region = config.account.region;
    const settings = config.threat_intel.downloader;
    const name = threatIntelDownloaderName(config);
    const role = new IamRole(this, 'downloader_role', { name, description: 'StreamAlert threat intel downloader', assumeRolePolicy: assumeRolePolicy('lambda.amazonaws.com', config.account.id) });
    const logGroup = new CloudwatchLogGroup(this, 'downloader_logs', { region, name: `/aws/lambda/${name}`, retentionInDays: config.functions.log_retention_days, kmsKeyId: kmsKeyArn });
    const logging = attachPolicy(this, 'downloader_write_logs', role, 'write_logs', [{ Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: `${logGroup.arn}:*` }]);
    attachPolicy(this, 'downloader_fill_table', role, 'fill_ioc_table', downloaderStatements(config, kmsKeyArn));
    const fn = new LambdaFunction(this, 'downloader', {
      region,
      functionName: name,
      description: 'StreamAlert threat intel downloader: feeds -> IOC table',
      role: role.arn,
      handler: BOOTSTRAP_HANDLER,
      runtime: config.functions.runtime,
      memorySize: settings.memory,
      timeout: settings.timeout,
      // One run at a time: two runs would only write the same indicators twice.
      reservedConcurrentExecutions: 1,
      filename: `\${path.module}/${BOOTSTRAP_PACKAGE_FILE}`,
      kmsKeyArn,
      environment: { variables: { LOG_LEVEL: config.functions.log_level } },
      dependsOn: [logGroup, logging],
      lifecycle: { ignoreChanges: DEPLOY_OWNED_CODE_FIELDS },
    });
    const alias = new LambdaAlias(this, 'downloader_alias', {
      region,
      name: PRODUCTION_ALIAS,
      description: 'Moved by streamalert lambda deploy and rollback',
      functionName: fn.functionName,
      functionVersion: '$LATEST',
      lifecycle: { ignoreChanges: ['function_version', 'routing_config'] },
    });
    new LambdaFunctionEventInvokeConfig(this, 'downloader_invoke_config', { region, functionName: fn.functionName, qualifier: PRODUCTION_ALIAS, maximumRetryAttempts: 0, dependsOn: [alias] });
    const rule = new CloudwatchEventRule(this, 'downloader_schedule', { region, name, description: 'Runs the StreamAlert threat intel downloader', scheduleExpression: settings.schedule });
    new CloudwatchEventTarget(this, 'downloader_target', { region, rule: rule.name, arn: alias.arn });
    new LambdaPermission(this, 'downloader_allow_schedule', {
      region,
      statementId: 'AllowScheduledRun',
      action: 'lambda:InvokeFunction',
      functionName: fn.functionName,
      qualifier: PRODUCTION_ALIAS,
      principal: 'events.amazonaws.com',
      sourceArn: rule.arn,
      dependsOn: [alias],
    });
    functionErrorsAlarm(this, 'downloader_errors', {
      region,
      functionName: name,
      description: 'every threat feed failed in a downloader run',
      evaluationPeriods: 1,
      period: 3600,
      topicArn: props.topicArn,
    });
  }
}
