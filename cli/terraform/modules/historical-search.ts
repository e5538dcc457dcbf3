/**
 * The `historical_search` module (global, with `firehose`): the Athena workgroup `streamalert search` runs in
 * (results encrypted with the project key under `athena-results/`, a per-query scan cutoff, configuration
 * enforced), the alert delivery stream (StreamAlert's `<prefix>_streamalert_alert_delivery`, the usual target of
 * the `aws-firehose:alerts` output) into `alerts/history/dt=.../`, and the `alerts` Glue table over it.
 */
import { Construct } from 'constructs';
import { AthenaWorkgroup } from '@cdktf/provider-aws/lib/athena-workgroup';
import { GlueCatalogTable } from '@cdktf/provider-aws/lib/glue-catalog-table';
import type { GlueCatalogDatabase } from '@cdktf/provider-aws/lib/glue-catalog-database';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { KinesisFirehoseDeliveryStream } from '@cdktf/provider-aws/lib/kinesis-firehose-delivery-stream';
import type { Config } from '../../../runtime/config';
import { ALERT_HISTORY_PREFIX, alertDeliveryStreamName, ATHENA_RESULTS_PREFIX, athenaWorkgroupName } from '../../../runtime/config/names';
import { assumeRolePolicy } from '../constructs/policy';
import { attachPolicy } from '../constructs/role-policy';
import type { SecureBucket } from '../constructs/secure-bucket';
import { hourlyPartitionParameters, PARTITION_FORMAT } from './firehose';

/** Properties of {@link HistoricalSearch}. */
export interface HistoricalSearchProps {
  readonly config: Config;
  readonly dataBucket: SecureBucket;
  /** The Glue database of the log type tables (firehose module). */
  readonly database: GlueCatalogDatabase;
  /** Key of the account region. */
  readonly kmsKeyArn: string;
}

/** Columns of the `alerts` table: the default publication's keys (runtime/publishers/default.ts). */
export const ALERT_COLUMNS: readonly { readonly name: string; readonly type: string }[] = [
  { name: 'id', type: 'string' },
  { name: 'rule_name', type: 'string' },
  { name: 'rule_description', type: 'string' },
  { name: 'severity', type: 'string' },
  { name: 'title', type: 'string' },
  { name: 'log_type', type: 'string' },
  { name: 'log_source', type: 'string' },
  { name: 'source_service', type: 'string' },
  { name: 'source_entity', type: 'string' },
  { name: 'cluster', type: 'string' },
  { name: 'created', type: 'string' },
  { name: 'staged', type: 'boolean' },
  { name: 'outputs', type: 'array<string>' },
  // Nested JSON read as text: query it with json_extract_scalar(record, '$.field').
  { name: 'record', type: 'string' },
  { name: 'context', type: 'string' },
];

/** Athena's smallest per-query cutoff (https://docs.aws.amazon.com/athena/latest/APIReference/API_WorkGroupConfiguration.html). */
const MIN_CUTOFF_BYTES = 10_000_000;

/** The workgroup's per-query scan cutoff in bytes. */
export function determineScanCutoff(gigabytes: number): number {
  return Math.max(MIN_CUTOFF_BYTES, Math.round(gigabytes * 1_000_000_000));
}

/** Athena workgroup, alert delivery and the alerts table. */
export class HistoricalSearch extends Construct {
  constructor(scope: Construct, id: string, props: HistoricalSearchProps) {
    super(scope, id);
    const { config, dataBucket, kmsKeyArn } = props;
    const region = config.account.region;
    const bucket = dataBucket.bucket;
    new AthenaWorkgroup(this, 'workgroup', {
      region,
      name: athenaWorkgroupName(config),
      description: 'StreamAlert historical search (streamalert search)',
      state: 'ENABLED',
      configuration: {
        enforceWorkgroupConfiguration: true,
        publishCloudwatchMetricsEnabled: true,
        bytesScannedCutoffPerQuery: determineScanCutoff(config.global.athena.bytes_scanned_cutoff_gb),
        resultConfiguration: {
          outputLocation: `s3://${bucket.bucket}/${ATHENA_RESULTS_PREFIX}`,
          encryptionConfiguration: { encryptionOption: 'SSE_KMS', kmsKeyArn },
        },
      },
    });
    const role = new IamRole(this, 'alerts_role', {
      name: `${config.account.prefix}_streamalert_alert_delivery`,
      assumeRolePolicy: assumeRolePolicy('firehose.amazonaws.com', config.account.id),
    });
    const policy = attachPolicy(this, 'alerts_role_policy', role, 'deliver_alerts', [
      { Action: ['s3:AbortMultipartUpload', 's3:PutObject'], Resource: `${bucket.arn}/${ALERT_HISTORY_PREFIX}/*` },
      { Action: ['s3:GetBucketLocation', 's3:ListBucketMultipartUploads'], Resource: bucket.arn },
      { Action: ['kms:GenerateDataKey', 'kms:Decrypt'], Resource: kmsKeyArn },
    ]);
    new KinesisFirehoseDeliveryStream(this, 'alerts', {
      region,
      name: alertDeliveryStreamName(config),
      destination: 'extended_s3',
      serverSideEncryption: { enabled: true, keyType: 'CUSTOMER_MANAGED_CMK', keyArn: kmsKeyArn },
      extendedS3Configuration: {
        roleArn: role.arn,
        bucketArn: bucket.arn,
        prefix: `${ALERT_HISTORY_PREFIX}/dt=!{timestamp:${PARTITION_FORMAT}}/`,
        errorOutputPrefix: `firehose-errors/alerts/!{firehose:error-output-type}/dt=!{timestamp:${PARTITION_FORMAT}}/`,
        bufferingSize: 5,
        bufferingInterval: 60,
        compressionFormat: 'GZIP',
        kmsKeyArn,
      },
      dependsOn: [policy],
    });
    new GlueCatalogTable(this, 'alerts_table', {
      region,
      databaseName: props.database.name,
      name: 'alerts',
      description: 'StreamAlert alerts delivered to the aws-firehose:alerts output',
      tableType: 'EXTERNAL_TABLE',
      parameters: hourlyPartitionParameters(`s3://${bucket.bucket}/${ALERT_HISTORY_PREFIX}`),
      partitionKeys: [{ name: 'dt', type: 'string' }],
      storageDescriptor: {
        location: `s3://${bucket.bucket}/${ALERT_HISTORY_PREFIX}/`,
        inputFormat: 'org.apache.hadoop.mapred.TextInputFormat',
        outputFormat: 'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat',
        serDeInfo: { serializationLibrary: 'org.openx.data.jsonserde.JsonSerDe', parameters: { 'ignore.malformed.json': 'true', 'case.insensitive': 'true' } },
        columns: ALERT_COLUMNS.map((c) => ({ ...c })),
      },
    });
  }
}
