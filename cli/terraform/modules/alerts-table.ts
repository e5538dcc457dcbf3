/**
 * The alerts table (part of the `global` module): every alert the rule processors find waits here until
 * each of its outputs has it. Keys and TTL attribute are the runtime's (runtime/config/names.ts).
 */
import { Construct } from 'constructs';
import { DynamodbTable } from '@cdktf/provider-aws/lib/dynamodb-table';
import { DEFAULT_ID } from '../stack';
import type { PolicyStatement } from '../constructs/policy';

/** Hash key: the rule's name (the merger reads the alerts of one rule together). */
export const ALERTS_HASH_KEY = 'RuleName';
/** Range key: the deterministic alert id (a retried batch rewrites the same item). */
export const ALERTS_RANGE_KEY = 'AlertID';
/** The sparse index of pending alerts by next-due time (runtime/alerts/item.ts): the merger reads only due alerts. */
export const ALERTS_DUE_INDEX = 'due';
/** Partition key of the due index (one value, `due`, on pending alerts only). */
export const ALERTS_DUE_SHARD = 'DueShard';
/** Range key of the due index: when the merger next looks at the alert (epoch ms). */
export const ALERTS_DUE_AT = 'DueAt';
/** Attribute DynamoDB expires items by (epoch seconds). */
export const ALERTS_TTL_ATTRIBUTE = 'TTL';

/** Properties of {@link AlertsTable}. */
export interface AlertsTableProps {
  /** `<prefix>_streamalert_alerts`. */
  readonly tableName: string;
  /** The account region. */
  readonly region: string;
  /** ARN of the region's KMS key. */
  readonly kmsKeyArn: string;
}

/**
 * Using the table's KMS key through DynamoDB only (DynamoDB asks on the caller's behalf when it reads or
 * writes items: https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/encryption.usagenotes.html).
 */
export function tableKeyStatement(kmsKeyArn: string, region: string, write: boolean): PolicyStatement {
  return {
    Action: write ? ['kms:Decrypt', 'kms:DescribeKey', 'kms:Encrypt', 'kms:GenerateDataKey'] : ['kms:Decrypt', 'kms:DescribeKey'],
    Resource: kmsKeyArn,
    Condition: { StringEquals: { 'kms:ViaService': `dynamodb.${region}.amazonaws.com` } },
  };
}

/** The alerts table: on-demand, KMS with the project key, point-in-time recovery, TTL, deletion protection, the `due` index. */
export class AlertsTable extends Construct {
  readonly table: DynamodbTable;

  constructor(scope: Construct, id: string, props: AlertsTableProps) {
    super(scope, id);
    this.table = new DynamodbTable(this, DEFAULT_ID, {
      region: props.region,
      name: props.tableName,
      billingMode: 'PAY_PER_REQUEST',
      hashKey: ALERTS_HASH_KEY,
      rangeKey: ALERTS_RANGE_KEY,
      attribute: [
        { name: ALERTS_HASH_KEY, type: 'S' },
        { name: ALERTS_RANGE_KEY, type: 'S' },
        { name: ALERTS_DUE_SHARD, type: 'S' },
        { name: ALERTS_DUE_AT, type: 'N' },
      ],
      // Keys only: the merger reads each due item itself, consistently, before it claims a dispatch.
      globalSecondaryIndex: [{ name: ALERTS_DUE_INDEX, hashKey: ALERTS_DUE_SHARD, rangeKey: ALERTS_DUE_AT, projectionType: 'KEYS_ONLY' }],
      ttl: { attributeName: ALERTS_TTL_ATTRIBUTE, enabled: true },
      serverSideEncryption: { enabled: true, kmsKeyArn: props.kmsKeyArn },
      pointInTimeRecovery: { enabled: true },
      deletionProtectionEnabled: true,
    });
  }
}
