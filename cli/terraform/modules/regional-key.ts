/** The KMS key (with rotation) and the monitoring topic of one region. */
import { Construct } from 'constructs';
import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { arn, partitionOf, policyDocument, type PolicyStatement } from '../constructs/policy';

/** Properties of {@link RegionalResources}. */
export interface RegionalResourcesProps {
  readonly accountId: string;
  readonly prefix: string;
  readonly region: string;
  /** Name of the monitoring SNS topic (the same in every region). */
  readonly topicName: string;
}

/**
 * Key administration and use stay with IAM policies in this account (the root principal), listed
 * action by action instead of `kms:*`; services that encrypt on our behalf get only what they use.
 */
export function determineKeyPolicy(accountId: string, region: string, prefix = '*'): string {
  const partition = partitionOf(region);
  const root = `arn:${partition}:iam::${accountId}:root`;
  // In a key policy, Resource "*" means "this key": https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-overview.html
  const statements: PolicyStatement[] = [
    {
      Sid: 'AccountAdministersKey',
      Principal: { AWS: root },
      Action: [
        'kms:Create*', 'kms:Describe*', 'kms:Enable*', 'kms:List*', 'kms:Put*', 'kms:Update*', 'kms:Revoke*',
        'kms:Disable*', 'kms:Get*', 'kms:Delete*', 'kms:TagResource', 'kms:UntagResource',
        'kms:ScheduleKeyDeletion', 'kms:CancelKeyDeletion', 'kms:RotateKeyOnDemand',
        'kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*',
      ],
      Resource: '*',
    },
    {
      Sid: 'CloudWatchLogsEncryptLogGroups',
      Principal: { Service: `logs.${region}.amazonaws.com` },
      Action: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
      Resource: '*',
      Condition: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': arn(region, 'logs', accountId, '*') } },
    },
    {
      Sid: 'CloudTrailEncryptLogs',
      Principal: { Service: 'cloudtrail.amazonaws.com' },
      Action: ['kms:GenerateDataKey*', 'kms:DescribeKey'],
      Resource: '*',
      // Only this deployment's trails (`<prefix>_<cluster>_streamalert`, in any home region), not any trail of the account.
      Condition: {
        StringEquals: { 'aws:SourceAccount': accountId },
        ArnLike: { 'aws:SourceArn': `arn:${partition}:cloudtrail:*:${accountId}:trail/${prefix}_*_streamalert` },
      },
    },
    {
      Sid: 'CloudWatchAlarmsPublishToEncryptedTopic',
      Principal: { Service: 'cloudwatch.amazonaws.com' },
      Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
      Resource: '*',
      Condition: { StringEquals: { 'aws:SourceAccount': accountId } },
    },
  ];
  return policyDocument(statements);
}

/** A region's key and monitoring topic; one per region that the account or a cluster uses. */
export class RegionalResources extends Construct {
  readonly key: KmsKey;
  readonly topic: SnsTopic;

  constructor(scope: Construct, id: string, props: RegionalResourcesProps) {
    super(scope, id);
    const region = props.region;
    this.key = new KmsKey(this, 'kms_key', {
      region,
      description: `StreamAlert (${props.prefix}): data, logs, streams, queues and topics in ${region}`,
      enableKeyRotation: true,
      deletionWindowInDays: 30,
      policy: determineKeyPolicy(props.accountId, region, props.prefix),
    });
    new KmsAlias(this, 'kms_alias', { region, name: `alias/${props.prefix}_streamalert`, targetKeyId: this.key.keyId });
    this.topic = new SnsTopic(this, 'monitoring', { region, name: props.topicName, kmsMasterKeyId: this.key.arn });
  }
}
