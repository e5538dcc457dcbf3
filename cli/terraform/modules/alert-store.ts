/**
 * Where alerts are kept, as the alert functions' modules see it: the alerts table and the `alerts/`
 * prefix of the data bucket (oversized records, dead letters), both in the account region, both
 * encrypted with that region's key.
 */
import { partitionOf, type PolicyStatement } from '../constructs/policy';

/** Key prefix of everything alert delivery keeps in the data bucket. */
export const ALERTS_BUCKET_PREFIX = 'alerts/';

/** The alerts table and bucket prefix. */
export interface AlertStore {
  /** `<prefix>_streamalert_alerts`. */
  readonly tableName: string;
  /** ARN of the table (a Terraform reference). */
  readonly tableArn: string;
  /** Data bucket name. */
  readonly bucket: string;
  /** The account region (table, bucket and key). */
  readonly region: string;
  /** ARN of the account region's KMS key. */
  readonly kmsKeyArn: string;
}

/**
 * Object access under one prefix of the data bucket (default `alerts/`), and the bucket key's use through
 * S3 only: a data key to write, decrypt to read.
 */
export function alertObjectStatements(store: AlertStore, actions: readonly string[], prefix: string = ALERTS_BUCKET_PREFIX): PolicyStatement[] {
  const kms = [...(actions.includes('s3:PutObject') ? ['kms:GenerateDataKey'] : []), ...(actions.includes('s3:GetObject') ? ['kms:Decrypt'] : [])];
  return [
    { Action: [...actions], Resource: `arn:${partitionOf(store.region)}:s3:::${store.bucket}/${prefix}*` },
    { Action: kms, Resource: store.kmsKeyArn, Condition: { StringEquals: { 'kms:ViaService': `s3.${store.region}.amazonaws.com` } } },
  ];
}
