/**
 * The `s3_events` module: notifications of new objects in existing buckets to the rule processor's
 * alias, the permission that lets S3 invoke it, and read-only access to those objects.
 *
 * Note: a bucket has one notification configuration; Terraform owns it for these buckets.
 */
import { Construct } from 'constructs';
import { LambdaPermission } from '@cdktf/provider-aws/lib/lambda-permission';
import { S3BucketNotification } from '@cdktf/provider-aws/lib/s3-bucket-notification';
import type { S3EventFilter } from '../../../runtime/config';
import { PRODUCTION_ALIAS } from '../../../runtime/config/names';
import { partitionOf } from '../constructs/policy';
import { attachPolicy } from '../constructs/role-policy';
import { toIdentifier } from '../stack';
import type { RuleProcessor } from './rule-processor';

/** Properties of {@link S3Events}. */
export interface S3EventsProps {
  readonly accountId: string;
  readonly region: string;
  /** Bucket name -> filters ([] for every object). */
  readonly buckets: Readonly<Record<string, readonly S3EventFilter[]>>;
  readonly ruleProcessor: RuleProcessor;
}

/** Notification filters of a bucket: one unfiltered entry when the list is empty. */
export function determineFilters(filters: readonly S3EventFilter[]): S3EventFilter[] {
  return filters.length === 0 ? [{}] : filters.map((f) => ({ ...f }));
}

/** S3 buckets feeding the rule processor. */
export class S3Events extends Construct {
  constructor(scope: Construct, id: string, props: S3EventsProps) {
    super(scope, id);
    const { region, ruleProcessor } = props;
    const partition = partitionOf(region);
    const names = Object.keys(props.buckets).sort();
    const policy = attachPolicy(this, 'read_objects', ruleProcessor.role, 's3_events', [
      { Action: 's3:GetObject', Resource: names.map((name) => `arn:${partition}:s3:::${name}/*`) },
    ]);
    for (const name of names) {
      const bucketId = toIdentifier(name);
      const permission = new LambdaPermission(this, `${bucketId}_permission`, {
        region,
        statementId: `s3_${bucketId}`,
        action: 'lambda:InvokeFunction',
        functionName: ruleProcessor.function.functionName,
        qualifier: PRODUCTION_ALIAS,
        principal: 's3.amazonaws.com',
        sourceArn: `arn:${partition}:s3:::${name}`,
        sourceAccount: props.accountId,
        dependsOn: [ruleProcessor.alias],
      });
      new S3BucketNotification(this, bucketId, {
        region,
        bucket: name,
        lambdaFunction: determineFilters(props.buckets[name]).map((filter) => ({
          lambdaFunctionArn: ruleProcessor.alias.arn,
          events: ['s3:ObjectCreated:*'],
          filterPrefix: filter.filter_prefix,
          filterSuffix: filter.filter_suffix,
        })),
        dependsOn: [permission, policy],
      });
    }
  }
}
