/**
 * Facts about the configuration that both `terraform generate` and `config validate` need, kept free of
 * cdktf and the provider so that commands other than `terraform` never load them (cli/terraform/check-config.ts
 * imports only this file).
 */
import { arn } from './constructs/policy';

/**
 * The regions of each AWS partition, as the AWS SDK's endpoint rules list them (`@aws-sdk/core`'s partitions;
 * tests/unit/cli/terraform/regions.test.ts fails when the SDK lists a region this table lacks).
 */
export const AWS_REGIONS: Readonly<Record<string, readonly string[]>> = {
  aws: [
    'af-south-1', 'ap-east-1', 'ap-east-2', 'ap-northeast-1', 'ap-northeast-2', 'ap-northeast-3', 'ap-south-1', 'ap-south-2',
    'ap-southeast-1', 'ap-southeast-2', 'ap-southeast-3', 'ap-southeast-4', 'ap-southeast-5', 'ap-southeast-6', 'ap-southeast-7',
    'ca-central-1', 'ca-west-1', 'eu-central-1', 'eu-central-2', 'eu-north-1', 'eu-south-1', 'eu-south-2', 'eu-west-1',
    'eu-west-2', 'eu-west-3', 'il-central-1', 'me-central-1', 'me-south-1', 'me-west-1', 'mx-central-1', 'sa-east-1',
    'sa-west-1', 'us-east-1', 'us-east-2', 'us-west-1', 'us-west-2',
  ],
  'aws-cn': ['cn-north-1', 'cn-northwest-1'],
  'aws-eusc': ['eusc-de-east-1'],
  'aws-iso': ['us-iso-east-1', 'us-iso-west-1'],
  'aws-iso-b': ['us-isob-east-1', 'us-isob-west-1'],
  'aws-iso-e': ['eu-isoe-west-1'],
  'aws-iso-f': ['us-isof-east-1', 'us-isof-south-1'],
  'aws-us-gov': ['us-gov-east-1', 'us-gov-west-1'],
};

/** The partition of a known region, or undefined for a region no partition lists. */
export function regionPartition(region: string): string | undefined {
  return Object.keys(AWS_REGIONS).find((p) => AWS_REGIONS[p]?.includes(region));
}

/** Regions where Amazon Data Firehose is available (https://docs.aws.amazon.com/general/latest/gr/fh.html). */
export const FIREHOSE_REGIONS: readonly string[] = [
  'us-east-1', 'us-east-2', 'us-west-1', 'us-west-2', 'af-south-1', 'ap-east-1', 'ap-east-2', 'ap-south-1', 'ap-south-2',
  'ap-southeast-1', 'ap-southeast-2', 'ap-southeast-3', 'ap-southeast-4', 'ap-southeast-5', 'ap-southeast-7',
  'ap-northeast-1', 'ap-northeast-2', 'ap-northeast-3', 'ca-central-1', 'ca-west-1', 'eu-central-1', 'eu-central-2',
  'eu-west-1', 'eu-west-2', 'eu-west-3', 'eu-south-1', 'eu-south-2', 'eu-north-1', 'il-central-1', 'me-south-1',
  'me-central-1', 'mx-central-1', 'sa-east-1', 'us-gov-east-1', 'us-gov-west-1', 'cn-north-1', 'cn-northwest-1',
];

/** Construct ids of the alert delivery modules (global). */
export const ALERT_MODULES = ['alert_processor', 'alert_merger', 'alert_alarms'] as const;

/** Top-level construct ids of the global modules (they share main.tf.json). */
export const GLOBAL_MODULES = ['global', 'firehose', 'historical_search', 'scheduled_queries', 'threat_intel', 'rule_staging', 'correlation', ...ALERT_MODULES] as const;

/** ARN and short name of a configured queue (a bare name is in the cluster's account and region). */
export function determineQueue(queue: string, accountId: string, region: string): { arn: string; name: string } {
  if (queue.startsWith('arn:')) return { arn: queue, name: queue.slice(queue.lastIndexOf(':') + 1) };
  return { arn: arn(region, 'sqs', accountId, queue), name: queue };
}

/** ARN, short name and region of a configured topic (a bare name is in the cluster's account and region). */
export function determineTopic(topic: string, accountId: string, region: string): { arn: string; name: string; region: string } {
  if (topic.startsWith('arn:')) return { arn: topic, name: topic.slice(topic.lastIndexOf(':') + 1), region: topic.split(':')[3] };
  return { arn: arn(region, 'sns', accountId, topic), name: topic, region };
}
