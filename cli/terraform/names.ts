/** Names of resources only Terraform knows about (names shared with the runtime live in runtime/config/names.ts). */
import type { Config } from '../../runtime/config';

/**
 * Bucket that receives the S3 server access logs of the other buckets of `region`: S3 delivers access
 * logs only to a bucket of the same region (https://docs.aws.amazon.com/AmazonS3/latest/userguide/enable-server-access-logging.html).
 * `<prefix>-streamalert-s3-logs` in the account region, `<prefix>-streamalert-s3-logs-<region>` elsewhere.
 */
export function accessLogsBucketName(config: Pick<Config, 'account'>, region: string = config.account.region): string {
  const base = `${config.account.prefix}-streamalert-s3-logs`;
  return region === config.account.region ? base : `${base}-${region}`;
}

/** Bucket a cluster's CloudTrail trail writes to (bucket names allow no underscores). */
export function cloudtrailBucketName(config: Pick<Config, 'account'>, cluster: string): string {
  return `${config.account.prefix}-${cluster.replace(/_/g, '-')}-streamalert-cloudtrail`;
}

export { glueDatabaseName } from '../../runtime/config/names';

/** Glue table of one log type: `cloudtrail:events` -> `cloudtrail_events`. */
export function glueTableName(logType: string): string {
  return logType.toLowerCase().replace(/[^a-z0-9_]/g, '_');
}

/** Prefix of a log type's objects in the data bucket (the Glue table's location). */
export function dataPrefix(logType: string): string {
  return glueTableName(logType);
}
