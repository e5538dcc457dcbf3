/**
 * The `cloudtrail` module: a trail (log file validation, KMS) writing to its own secure bucket and,
 * when `send_to_kinesis` is on, through CloudWatch Logs into the cluster's stream.
 */
import { Construct } from 'constructs';
import { Cloudtrail as Trail } from '@cdktf/provider-aws/lib/cloudtrail';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { CloudwatchLogSubscriptionFilter } from '@cdktf/provider-aws/lib/cloudwatch-log-subscription-filter';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import type { CloudtrailModule as CloudtrailSettings } from '../../../runtime/config';
import { arn, assumeRolePolicy, partitionOf } from '../constructs/policy';
import { attachPolicy } from '../constructs/role-policy';
import { SecureBucket } from '../constructs/secure-bucket';
import { DEFAULT_ID } from '../stack';
import type { Kinesis } from './kinesis';

/** Properties of {@link Cloudtrail}. */
export interface CloudtrailProps {
  readonly accountId: string;
  /** Region of the trail (the cluster's). */
  readonly region: string;
  /** Region of the bucket and its key (the account's: CloudTrail needs both in one region). */
  readonly bucketRegion: string;
  readonly trailName: string;
  readonly bucketName: string;
  readonly accessLogsBucket: string;
  readonly settings: CloudtrailSettings;
  /** Key in the bucket's region (trail encryption). */
  readonly bucketKmsKeyArn: string;
  /** Key in the trail's region (log group encryption). */
  readonly kmsKeyArn: string;
  /** @default events stay in the bucket */
  readonly kinesis?: Kinesis;
}

/** A cluster's CloudTrail trail. */
export class Cloudtrail extends Construct {
  constructor(scope: Construct, id: string, props: CloudtrailProps) {
    super(scope, id);
    const { region, settings, accountId } = props;
    const trailArn = arn(region, 'cloudtrail', accountId, `trail/${props.trailName}`);
    const bucketArn = `arn:${partitionOf(props.bucketRegion)}:s3:::${props.bucketName}`;
    const fromThisTrail = { StringEquals: { 'aws:SourceArn': trailArn } };
    const bucket = new SecureBucket(this, 'bucket', {
      bucketName: props.bucketName,
      region: props.bucketRegion,
      kmsKeyArn: props.bucketKmsKeyArn,
      accessLogsBucket: props.accessLogsBucket,
      extraStatements: [
        { Sid: 'CloudTrailAclCheck', Principal: { Service: 'cloudtrail.amazonaws.com' }, Action: 's3:GetBucketAcl', Resource: bucketArn, Condition: fromThisTrail },
        {
          Sid: 'CloudTrailWrite',
          Principal: { Service: 'cloudtrail.amazonaws.com' },
          Action: 's3:PutObject',
          Resource: `${bucketArn}/AWSLogs/${accountId}/*`,
          Condition: fromThisTrail,
        },
      ],
    });
    let logs: { groupArn: string; roleArn: string } | undefined;
    if (settings.send_to_kinesis && props.kinesis) {
      const group = new CloudwatchLogGroup(this, 'logs', {
        region,
        name: `/streamalert/cloudtrail/${props.trailName}`,
        retentionInDays: 1,
        kmsKeyId: props.kmsKeyArn,
      });
      const role = new IamRole(this, 'logs_role', {
        name: `${props.trailName}_cloudtrail_logs`,
        assumeRolePolicy: assumeRolePolicy('cloudtrail.amazonaws.com', accountId),
      });
      attachPolicy(this, 'logs_role_policy', role, 'write_trail_logs', [
        { Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: `${group.arn}:*` },
      ]);
      new CloudwatchLogSubscriptionFilter(this, 'to_kinesis', {
        region,
        name: 'streamalert_cloudtrail',
        logGroupName: group.name,
        filterPattern: '',
        destinationArn: props.kinesis.stream.arn,
        roleArn: props.kinesis.logsDeliveryRole().arn,
      });
      logs = { groupArn: `${group.arn}:*`, roleArn: role.arn };
    }
    new Trail(this, DEFAULT_ID, {
      region,
      name: props.trailName,
      s3BucketName: bucket.bucket.bucket,
      kmsKeyId: props.bucketKmsKeyArn,
      isMultiRegionTrail: settings.multi_region,
      includeGlobalServiceEvents: settings.include_global_service_events,
      enableLogFileValidation: true,
      cloudWatchLogsGroupArn: logs?.groupArn,
      cloudWatchLogsRoleArn: logs?.roleArn,
      dependsOn: [bucket.policy],
    });
  }
}
