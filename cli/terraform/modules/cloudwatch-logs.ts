/**
 * The `cloudwatch_logs` module: the rule processor's own error lines subscribed into the cluster's
 * stream (so StreamAlert alerts on its own failures), and CloudWatch Logs destinations that other
 * accounts can subscribe their log groups to.
 */
import { Construct } from 'constructs';
import { CloudwatchLogDestination } from '@cdktf/provider-aws/lib/cloudwatch-log-destination';
import { CloudwatchLogDestinationPolicy } from '@cdktf/provider-aws/lib/cloudwatch-log-destination-policy';
import { CloudwatchLogSubscriptionFilter } from '@cdktf/provider-aws/lib/cloudwatch-log-subscription-filter';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import type { CloudwatchLogsModule as CloudwatchLogsSettings } from '../../../runtime/config';
import { arn, policyDocument } from '../constructs/policy';
import { attachPolicy } from '../constructs/role-policy';
import { toIdentifier } from '../stack';
import type { Kinesis } from './kinesis';
import type { RuleProcessor } from './rule-processor';

/** Properties of {@link CloudwatchLogs}. */
export interface CloudwatchLogsProps {
  readonly accountId: string;
  readonly region: string;
  /** Name prefix of the destinations and their role. */
  readonly name: string;
  readonly settings: CloudwatchLogsSettings;
  readonly kinesis: Kinesis;
  readonly ruleProcessor: RuleProcessor;
  readonly kmsKeyArn: string;
}

/**
 * The lines sent into the stream: those the runtime logger (runtime/logger.ts) writes at error level, as a
 * JSON metric filter on its `level` field. Not a term filter such as `?ERROR ?Error`: that matched any line
 * containing the word, WARN lines included (an unclassified record is logged at WARN with its text), so an
 * error line that failed to classify came back as a new record, and so on forever.
 *
 * Lambda's own runtime failure lines (`Task timed out`, `Invoke Error`, `Runtime.ExitError`) are plain
 * text, and a pattern for them would also match a WARN line that quotes such text; a log group takes only
 * one pattern per subscription filter. Those failures are counted by Lambda's `Errors` metric instead,
 * which the `cloudwatch_monitoring` module alarms on.
 * Syntax: https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html
 */
export const ERROR_FILTER_PATTERN = '{ $.level = "ERROR" }';

/** Regions of the cross-account destinations: the configured ones, else the cluster's. */
export function determineDestinationRegions(settings: CloudwatchLogsSettings, clusterRegion: string): string[] {
  return settings.regions.length > 0 ? [...settings.regions] : [clusterRegion];
}

/** Log subscriptions into a cluster's stream. */
export class CloudwatchLogs extends Construct {
  constructor(scope: Construct, id: string, props: CloudwatchLogsProps) {
    super(scope, id);
    const { settings, kinesis, region, accountId } = props;
    if (settings.subscribe_function_errors) {
      new CloudwatchLogSubscriptionFilter(this, 'function_errors', {
        region,
        name: 'streamalert_function_errors',
        logGroupName: props.ruleProcessor.logGroup.name,
        filterPattern: ERROR_FILTER_PATTERN,
        destinationArn: kinesis.stream.arn,
        roleArn: kinesis.logsDeliveryRole().arn,
      });
    }
    if (settings.cross_account_ids.length === 0) return;
    const senders = [...settings.cross_account_ids];
    const role = new IamRole(this, 'destination_role', {
      name: `${props.name}_destination`,
      assumeRolePolicy: policyDocument([
        {
          Action: 'sts:AssumeRole',
          Principal: { Service: 'logs.amazonaws.com' },
          Condition: { StringLike: { 'aws:SourceArn': [accountId, ...senders].map((id) => arn(region, 'logs', id, '*', '*')) } },
        },
      ]),
    });
    const policy = attachPolicy(this, 'destination_role_policy', role, 'put_records', [
      { Action: ['kinesis:PutRecord', 'kinesis:PutRecords'], Resource: kinesis.stream.arn },
      { Action: 'kms:GenerateDataKey', Resource: props.kmsKeyArn },
    ]);
    for (const destinationRegion of determineDestinationRegions(settings, region)) {
      const regionId = toIdentifier(destinationRegion);
      const destination = new CloudwatchLogDestination(this, `destination_${regionId}`, {
        region: destinationRegion,
        name: `${props.name}_destination`,
        roleArn: role.arn,
        targetArn: kinesis.stream.arn,
        dependsOn: [policy],
      });
      new CloudwatchLogDestinationPolicy(this, `destination_${regionId}_policy`, {
        region: destinationRegion,
        destinationName: destination.name,
        accessPolicy: policyDocument([
          {
            Action: 'logs:PutSubscriptionFilter',
            Principal: { AWS: senders },
            Resource: destination.arn,
          },
        ]),
      });
    }
  }
}
