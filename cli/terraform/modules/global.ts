/**
 * The `global` module: provider, S3 backend with native locking; per region in use a KMS key, a
 * monitoring topic, a source bucket (Lambda reads code only from its own region) and an access-logs
 * bucket (S3 logs only into its own region); the data bucket and the alerts table in the account region.
 */
import { Construct } from 'constructs';
import { S3Backend, type TerraformStack } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { S3BucketLifecycleConfiguration, type S3BucketLifecycleConfigurationRule } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import type { Config } from '../../../runtime/config';
import { alertsTableName, dataBucketName, sourceBucketName } from '../../../runtime/config/names';
import { StreamAlertError } from '../../../runtime/errors';
import { SecureBucket } from '../constructs/secure-bucket';
import { partitionOf } from '../constructs/policy';
import { toIdentifier } from '../stack';
import { AlertsTable } from './alerts-table';
import { RegionalResources } from './regional-key';
import { accessLogsBucketName } from '../names';

/** Properties of {@link GlobalModule}. */
export interface GlobalModuleProps {
  readonly config: Config;
}

/** Every region the configuration uses: the account region first, then cluster regions in name order. */
export function determineRegions(config: Pick<Config, 'account' | 'clusters'>): string[] {
  const others = Object.values(config.clusters)
    .map((c) => c.region)
    .filter((r) => r !== config.account.region);
  return [config.account.region, ...[...new Set(others)].sort()];
}

/** Provider (pinned) and backend (S3, encrypted, native lock file): they belong to main.tf.json. */
export function addProviderAndBackend(stack: TerraformStack, config: Config): void {
  new AwsProvider(stack, 'aws', {
    region: config.account.region,
    allowedAccountIds: [config.account.id],
    defaultTags: [{ tags: { Application: 'streamalert', 'streamalert:prefix': config.account.prefix } }],
  });
  stack.addOverride('terraform.required_providers.aws', { source: 'hashicorp/aws', version: config.terraform.aws_provider_version });
  stack.addOverride('terraform.required_version', '>= 1.10');
  const backend = new S3Backend(stack, {
    bucket: config.terraform.state_bucket,
    key: config.terraform.state_key,
    region: config.account.region,
    encrypt: true,
  });
  // S3-native locking (Terraform >= 1.10); cdktf 0.21 has no typed option for it.
  backend.addOverride('use_lockfile', config.terraform.use_lockfile);
}

/** The buckets of one region: where the access logs of its buckets go, and the Lambda packages of its functions. */
export interface RegionalBuckets {
  readonly accessLogs: SecureBucket;
  readonly source: SecureBucket;
}

/**
 * The data bucket's lifecycle rules: each configured prefix expires after its days; every prefix drops old
 * versions after 30 days and incomplete multipart uploads after 7 (none of them is ever read back).
 */
export function determineDataLifecycle(days: Readonly<Record<string, number>>): S3BucketLifecycleConfigurationRule[] {
  const rules: S3BucketLifecycleConfigurationRule[] = Object.entries(days)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([prefix, expire]) => ({
      id: `expire-${prefix.replace(/[^A-Za-z0-9_.-]/g, '-').replace(/-+$/, '')}`,
      status: 'Enabled',
      filter: [{ prefix }],
      expiration: [{ days: expire }],
    }));
  rules.push({
    id: 'old-versions-and-uploads',
    status: 'Enabled',
    filter: [{ prefix: '' }],
    noncurrentVersionExpiration: [{ noncurrentDays: 30 }],
    abortIncompleteMultipartUpload: [{ daysAfterInitiation: 7 }],
  });
  return rules;
}

/** Global resources shared by every cluster. */
export class GlobalModule extends Construct {
  /** The account region's source bucket. */
  readonly sourceBucket: SecureBucket;
  readonly dataBucket: SecureBucket;
  /** The account region's access-logs bucket. */
  readonly accessLogsBucket: SecureBucket;
  /** The alerts table, in the account region. */
  readonly alertsTable: AlertsTable;
  private readonly regional = new Map<string, RegionalResources>();
  private readonly buckets = new Map<string, RegionalBuckets>();

  constructor(scope: Construct, id: string, props: GlobalModuleProps) {
    super(scope, id);
    const { config } = props;
    const { account } = config;
    for (const region of determineRegions(config)) {
      this.regional.set(
        region,
        new RegionalResources(this, toIdentifier(region), {
          accountId: account.id,
          prefix: account.prefix,
          region,
          topicName: config.global.monitoring.topic_name,
        }),
      );
      this.buckets.set(region, this.addRegionalBuckets(config, region));
    }
    const home = this.bucketsFor(account.region);
    this.accessLogsBucket = home.accessLogs;
    this.sourceBucket = home.source;
    this.dataBucket = new SecureBucket(this, 'data', {
      bucketName: dataBucketName(config),
      region: account.region,
      kmsKeyArn: this.keyFor(account.region).arn,
      accessLogsBucket: this.accessLogsBucket.bucket.bucket,
    });
    new S3BucketLifecycleConfiguration(this, 'data_lifecycle', {
      bucket: this.dataBucket.bucket.id,
      region: account.region,
      rule: determineDataLifecycle(config.global.data_retention_days),
    });
    this.alertsTable = new AlertsTable(this, 'alerts_table', {
      tableName: alertsTableName(config),
      region: account.region,
      kmsKeyArn: this.keyFor(account.region).arn,
    });
  }

  /**
   * The access-logs and source buckets of `region`. The account region's keep their first addresses
   * (`global_access_logs`, `global_source`); other regions' end with the region (`global_source_us_west_2`).
   */
  private addRegionalBuckets(config: Config, region: string): RegionalBuckets {
    const { account } = config;
    const suffix = region === account.region ? '' : `_${toIdentifier(region)}`;
    const logsName = accessLogsBucketName(config, region);
    const accessLogs = new SecureBucket(this, `access_logs${suffix}`, {
      bucketName: logsName,
      region,
      extraStatements: [
        {
          Sid: 'S3ServerAccessLogsDelivery',
          Principal: { Service: 'logging.s3.amazonaws.com' },
          Action: 's3:PutObject',
          Resource: `arn:${partitionOf(region)}:s3:::${logsName}/*`,
          Condition: {
            StringEquals: { 'aws:SourceAccount': account.id },
            ArnLike: { 'aws:SourceArn': `arn:${partitionOf(region)}:s3:::${account.prefix}-*` },
          },
        },
      ],
    });
    new S3BucketLifecycleConfiguration(this, `access_logs${suffix}_expiration`, {
      bucket: accessLogs.bucket.id,
      region,
      rule: [
        {
          id: 'expire-access-logs',
          status: 'Enabled',
          filter: [{ prefix: '' }],
          expiration: [{ days: config.global.s3_access_logs.retention_days }],
          noncurrentVersionExpiration: [{ noncurrentDays: 30 }],
        },
      ],
    });
    const source = new SecureBucket(this, `source${suffix}`, {
      bucketName: sourceBucketName(config, region),
      region,
      kmsKeyArn: this.keyFor(region).arn,
      accessLogsBucket: accessLogs.bucket.bucket,
    });
    return { accessLogs, source };
  }

  /** The access-logs and source buckets of a region the configuration uses. */
  bucketsFor(region: string): RegionalBuckets {
    const found = this.buckets.get(region);
    if (!found) throw new StreamAlertError('TerraformRegion', `no regional buckets for ${region}`, { source: 'internal' });
    return found;
  }

  /** The KMS key of a region the configuration uses. */
  keyFor(region: string): RegionalResources['key'] {
    return this.regionalFor(region).key;
  }

  /** The monitoring topic of a region the configuration uses. */
  topicFor(region: string): RegionalResources['topic'] {
    return this.regionalFor(region).topic;
  }

  private regionalFor(region: string): RegionalResources {
    const found = this.regional.get(region);
    if (!found) throw new StreamAlertError('TerraformRegion', `no regional resources for ${region}`, { source: 'internal' });
    return found;
  }
}
