/** The `flow_logs` module: VPC flow logs into an encrypted log group, subscribed into the cluster's stream. */
import { Construct } from 'constructs';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { CloudwatchLogSubscriptionFilter } from '@cdktf/provider-aws/lib/cloudwatch-log-subscription-filter';
import { FlowLog } from '@cdktf/provider-aws/lib/flow-log';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import type { FlowLogsModule as FlowLogsSettings } from '../../../runtime/config';
import { assumeRolePolicy } from '../constructs/policy';
import { attachPolicy } from '../constructs/role-policy';
import { toIdentifier } from '../stack';
import type { Kinesis } from './kinesis';

/** Properties of {@link FlowLogs}. */
export interface FlowLogsProps {
  readonly accountId: string;
  readonly region: string;
  /** Log group and role name. */
  readonly name: string;
  readonly settings: FlowLogsSettings;
  readonly kinesis: Kinesis;
  readonly kmsKeyArn: string;
}

/** What each flow log watches: the flow log argument and the resource id. */
export function determineFlowLogTargets(settings: FlowLogsSettings): { argument: 'vpcId' | 'subnetId' | 'eniId'; id: string }[] {
  return [
    ...settings.vpcs.map((id) => ({ argument: 'vpcId' as const, id })),
    ...settings.subnets.map((id) => ({ argument: 'subnetId' as const, id })),
    ...settings.enis.map((id) => ({ argument: 'eniId' as const, id })),
  ];
}

/** VPC flow logs of a cluster. */
export class FlowLogs extends Construct {
  constructor(scope: Construct, id: string, props: FlowLogsProps) {
    super(scope, id);
    const { region, settings } = props;
    const group = new CloudwatchLogGroup(this, 'logs', {
      region,
      name: props.name,
      retentionInDays: settings.log_retention_days,
      kmsKeyId: props.kmsKeyArn,
    });
    const role = new IamRole(this, 'role', {
      name: props.name,
      assumeRolePolicy: assumeRolePolicy('vpc-flow-logs.amazonaws.com', props.accountId),
    });
    const policy = attachPolicy(this, 'role_policy', role, 'write_flow_logs', [
      { Action: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'], Resource: [group.arn, `${group.arn}:*`] },
    ]);
    for (const target of determineFlowLogTargets(settings)) {
      new FlowLog(this, toIdentifier(target.id), {
        region,
        [target.argument]: target.id,
        trafficType: 'ALL',
        logDestinationType: 'cloud-watch-logs',
        logDestination: group.arn,
        iamRoleArn: role.arn,
        dependsOn: [policy],
      });
    }
    new CloudwatchLogSubscriptionFilter(this, 'to_kinesis', {
      region,
      name: 'streamalert_flow_logs',
      logGroupName: group.name,
      filterPattern: '',
      destinationArn: props.kinesis.stream.arn,
      roleArn: props.kinesis.logsDeliveryRole().arn,
    });
  }
}
