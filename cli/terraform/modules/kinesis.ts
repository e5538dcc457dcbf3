/**
 * The `kinesis` module: the cluster's stream (provisioned shards or on demand, retention, KMS),
 * optional writer user and role, and the role CloudWatch Logs uses to deliver into the stream.
 */
import { Construct } from 'constructs';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamUser } from '@cdktf/provider-aws/lib/iam-user';
import { IamUserPolicy } from '@cdktf/provider-aws/lib/iam-user-policy';
import { KinesisStream } from '@cdktf/provider-aws/lib/kinesis-stream';
import type { KinesisModule as KinesisSettings } from '../../../runtime/config';
import { arn, policyDocument, type PolicyStatement } from '../constructs/policy';
import { attachPolicy } from '../constructs/role-policy';
import { DEFAULT_ID } from '../stack';

/** Properties of {@link Kinesis}. */
export interface KinesisProps {
  readonly accountId: string;
  readonly region: string;
  /** Stream name (runtime/config/names.ts `kinesisStreamName`). */
  readonly streamName: string;
  readonly settings: KinesisSettings['streams'];
  readonly kmsKeyArn: string;
}

/** Writing into the stream, for producers. */
export const KINESIS_WRITE_ACTIONS = ['kinesis:PutRecord', 'kinesis:PutRecords', 'kinesis:DescribeStreamSummary', 'kinesis:ListShards'];

/** Stream capacity: on demand, or provisioned with a shard count. */
export function determineStreamMode(settings: KinesisSettings['streams']): { mode: 'ON_DEMAND' | 'PROVISIONED'; shards?: number } {
  return settings.on_demand ? { mode: 'ON_DEMAND' } : { mode: 'PROVISIONED', shards: settings.shards };
}

/** A cluster's Kinesis stream. */
export class Kinesis extends Construct {
  readonly stream: KinesisStream;
  private logsRole?: IamRole;

  constructor(scope: Construct, id: string, private readonly props: KinesisProps) {
    super(scope, id);
    const { settings, region } = props;
    const capacity = determineStreamMode(settings);
    this.stream = new KinesisStream(this, DEFAULT_ID, {
      region,
      name: props.streamName,
      shardCount: capacity.shards,
      streamModeDetails: { streamMode: capacity.mode },
      retentionPeriod: settings.retention,
      shardLevelMetrics: settings.shard_level_metrics.length > 0 ? [...settings.shard_level_metrics] : undefined,
      encryptionType: 'KMS',
      kmsKeyId: props.kmsKeyArn,
    });
    const write: PolicyStatement[] = [
      { Action: KINESIS_WRITE_ACTIONS, Resource: this.stream.arn },
      { Action: 'kms:GenerateDataKey', Resource: props.kmsKeyArn },
    ];
    if (settings.create_user) {
      const user = new IamUser(this, 'writer_user', { name: `${props.streamName}_writer` });
      new IamUserPolicy(this, 'writer_user_policy', { user: user.name, name: 'put_records', policy: policyDocument(write) });
    }
    if (settings.create_writer_role) {
      const role = new IamRole(this, 'writer_role', {
        name: `${props.streamName}_writer`,
        assumeRolePolicy: policyDocument([
          { Action: 'sts:AssumeRole', Principal: { AWS: settings.writer_principals.length > 0 ? [...settings.writer_principals] : arn(region, 'iam', props.accountId, 'root', '') } },
        ]),
      });
      attachPolicy(this, 'writer_role_policy', role, 'put_records', write);
    }
  }

  /** The role CloudWatch Logs assumes to deliver subscribed log events into the stream (made on first use). */
  logsDeliveryRole(): IamRole {
    if (!this.logsRole) {
      const { accountId, region, streamName, kmsKeyArn } = this.props;
      this.logsRole = new IamRole(this, 'logs_role', {
        name: `${streamName}_logs`,
        assumeRolePolicy: policyDocument([
          {
            Action: 'sts:AssumeRole',
            Principal: { Service: 'logs.amazonaws.com' },
            Condition: { StringLike: { 'aws:SourceArn': arn(region, 'logs', accountId, '*', '*') } },
          },
        ]),
      });
      attachPolicy(this, 'logs_role_policy', this.logsRole, 'put_records', [
        { Action: ['kinesis:PutRecord', 'kinesis:PutRecords'], Resource: this.stream.arn },
        { Action: 'kms:GenerateDataKey', Resource: kmsKeyArn },
      ]);
    }
    return this.logsRole;
  }
}
