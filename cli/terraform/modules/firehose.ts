/**
 * The `firehose` module (global): one delivery stream per log type into the data bucket, partitioned
 * by `dt=YYYY-MM-DD-HH`, with a Glue table per log type (partition projection, so new hours need no
 * crawler or MSCK REPAIR) for historical search with Athena.
 */
import { Construct } from 'constructs';
import { GlueCatalogDatabase } from '@cdktf/provider-aws/lib/glue-catalog-database';
import { GlueCatalogTable } from '@cdktf/provider-aws/lib/glue-catalog-table';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { KinesisFirehoseDeliveryStream } from '@cdktf/provider-aws/lib/kinesis-firehose-delivery-stream';
import type { Config } from '../../../runtime/config';
import { firehoseStreamName } from '../../../runtime/config/names';
import { determineGlueColumns } from '../glue-columns';
import { dataPrefix, glueDatabaseName, glueTableName } from '../names';
import { assumeRolePolicy } from '../constructs/policy';
import { attachPolicy } from '../constructs/role-policy';
import { toIdentifier } from '../stack';
import type { SecureBucket } from '../constructs/secure-bucket';

/** Properties of {@link Firehose}. */
export interface FirehoseProps {
  readonly config: Config;
  readonly dataBucket: SecureBucket;
  /** Key of the account region. */
  readonly kmsKeyArn: string;
}

/** Hourly partitions, as Firehose writes them and Athena projects them. */
export const PARTITION_FORMAT = 'yyyy-MM-dd-HH';

/**
 * Parameters of an external table over `<location>/dt=yyyy-MM-dd-HH/` partitions, projected by Athena (no
 * crawler, no MSCK REPAIR as new hours arrive).
 */
export function hourlyPartitionParameters(location: string): Record<string, string> {
  return {
    EXTERNAL: 'TRUE',
    'projection.enabled': 'true',
    'projection.dt.type': 'date',
    'projection.dt.format': PARTITION_FORMAT,
    'projection.dt.range': '2020-01-01-00,NOW',
    'projection.dt.interval': '1',
    'projection.dt.interval.unit': 'HOURS',
    // "$${" is Terraform's escape for a literal "${": Athena fills in dt, not Terraform.
    'storage.location.template': `${location}/dt=$\${dt}/`,
  };
}

export { FIREHOSE_REGIONS } from '../config-facts';

/** Historical data delivery and its Athena tables. */
export class Firehose extends Construct {
  /** The Glue database of the historical tables. */
  readonly database: GlueCatalogDatabase;

  constructor(scope: Construct, id: string, props: FirehoseProps) {
    super(scope, id);
    const { config, dataBucket, kmsKeyArn } = props;
    const region = config.account.region;
    const settings = config.global.firehose;
    const bucketArn = dataBucket.bucket.arn;
    const role = new IamRole(this, 'role', {
      name: `${config.account.prefix}_streamalert_firehose`,
      assumeRolePolicy: assumeRolePolicy('firehose.amazonaws.com', config.account.id),
    });
    const policy = attachPolicy(this, 'role_policy', role, 'deliver_to_data_bucket', [
      {
        Action: ['s3:AbortMultipartUpload', 's3:GetBucketLocation', 's3:GetObject', 's3:ListBucket', 's3:ListBucketMultipartUploads', 's3:PutObject'],
        Resource: [bucketArn, `${bucketArn}/*`],
      },
      { Action: ['kms:GenerateDataKey', 'kms:Decrypt'], Resource: kmsKeyArn },
    ]);
    const database = (this.database = new GlueCatalogDatabase(this, 'database', {
      region,
      name: glueDatabaseName(config),
      description: 'StreamAlert historical data, one table per log type',
    }));
    for (const logType of settings.log_types) {
      const logId = toIdentifier(glueTableName(logType));
      const prefix = dataPrefix(logType);
      new KinesisFirehoseDeliveryStream(this, logId, {
        region,
        name: firehoseStreamName(config, logType),
        destination: 'extended_s3',
        serverSideEncryption: { enabled: true, keyType: 'CUSTOMER_MANAGED_CMK', keyArn: kmsKeyArn },
        extendedS3Configuration: {
          roleArn: role.arn,
          bucketArn,
          prefix: `${prefix}/dt=!{timestamp:${PARTITION_FORMAT}}/`,
          errorOutputPrefix: `firehose-errors/${prefix}/!{firehose:error-output-type}/dt=!{timestamp:${PARTITION_FORMAT}}/`,
          bufferingSize: settings.buffer_size_mb,
          bufferingInterval: settings.buffer_interval_seconds,
          compressionFormat: settings.compression,
          kmsKeyArn,
        },
        dependsOn: [policy],
      });
      new GlueCatalogTable(this, `${logId}_table`, {
        region,
        databaseName: database.name,
        name: glueTableName(logType),
        description: `StreamAlert log type ${logType}`,
        tableType: 'EXTERNAL_TABLE',
        parameters: hourlyPartitionParameters(`s3://${dataBucket.bucket.bucket}/${prefix}`),
        partitionKeys: [{ name: 'dt', type: 'string' }],
        storageDescriptor: {
          location: `s3://${dataBucket.bucket.bucket}/${prefix}/`,
          inputFormat: 'org.apache.hadoop.mapred.TextInputFormat',
          outputFormat: 'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat',
          serDeInfo: {
            serializationLibrary: 'org.openx.data.jsonserde.JsonSerDe',
            parameters: { 'ignore.malformed.json': 'true', 'case.insensitive': 'true' },
          },
          columns: determineGlueColumns(config.logs[logType]).map((c) => ({ name: c.name, type: c.type })),
        },
      });
    }
  }
}
