/**
 * The `rule_processor` module: a cluster's Lambda function, its role and log group, the
 * `production` alias every trigger points at, and its right to keep dead letters in the data bucket.
 *
 * `lambda deploy` and `lambda rollback` own the code and the alias version, so Terraform ignores
 * changes to both; the first apply creates the function from the bootstrap package (see bootstrap-package.ts).
 */
import { Construct } from 'constructs';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { LambdaAlias } from '@cdktf/provider-aws/lib/lambda-alias';
import { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function';
import type { RuleProcessorModule as RuleProcessorSettings } from '../../../runtime/config';
import { DEAD_LETTER_BUCKET_ENV, deadLetterPrefix, PRODUCTION_ALIAS } from '../../../runtime/config/names';
import { assumeRolePolicy, partitionOf, type PolicyStatement } from '../constructs/policy';
import { attachPolicy } from '../constructs/role-policy';
import { BOOTSTRAP_HANDLER, BOOTSTRAP_PACKAGE_FILE } from '../bootstrap-package';
import { DEFAULT_ID } from '../stack';

/** Properties of {@link RuleProcessor}. */
export interface RuleProcessorProps {
  readonly accountId: string;
  readonly cluster: string;
  /** Function name (runtime/config/names.ts `ruleProcessorName`). */
  readonly functionName: string;
  readonly region: string;
  readonly settings: RuleProcessorSettings;
  /** ARN of the region's KMS key (log group and environment encryption). */
  readonly kmsKeyArn: string;
  /** Where the function keeps unclassified records and failed reads for replay. */
  readonly deadLetter: DeadLetterProps;
  /** Variables for alert storage (ALERTS_TABLE, ALERTS_BUCKET). @default none */
  readonly alertsEnvironment?: Readonly<Record<string, string>>;
}

/** The dead-letter store of a rule processor: a prefix of the data bucket. */
export interface DeadLetterProps {
  /** Data bucket name (runtime/config/names.ts `dataBucketName`). */
  readonly bucket: string;
  /** Region of the bucket (the account region). */
  readonly bucketRegion: string;
  /** ARN of the KMS key the bucket encrypts with by default (SSE-KMS). */
  readonly bucketKmsKeyArn: string;
}

/** Code fields that `lambda deploy` changes; Terraform must not put the bootstrap package back. */
export const DEPLOY_OWNED_CODE_FIELDS = ['filename', 'source_code_hash', 's3_bucket', 's3_key', 's3_object_version', 'image_uri'];

/** Environment of the function: the configured variables, then the ones StreamAlert sets (they win). */
export function determineEnvironment(
  cluster: string,
  settings: RuleProcessorSettings,
  deadLetterBucket?: string,
  alerts: Readonly<Record<string, string>> = {},
): Record<string, string> {
  const environment: Record<string, string> = { ...settings.environment, ...alerts, CLUSTER: cluster, LOG_LEVEL: settings.log_level };
  if (deadLetterBucket !== undefined) environment[DEAD_LETTER_BUCKET_ENV] = deadLetterBucket;
  return environment;
}

/**
 * Writing dead letters: PutObject under the cluster's own prefix only (never read, list or delete), and a
 * data key of the bucket's KMS key, only when S3 asks for it on the function's behalf.
 */
export function deadLetterStatements(cluster: string, deadLetter: DeadLetterProps): PolicyStatement[] {
  return [
    { Action: 's3:PutObject', Resource: `arn:${partitionOf(deadLetter.bucketRegion)}:s3:::${deadLetter.bucket}/${deadLetterPrefix(cluster)}*` },
    {
      Action: 'kms:GenerateDataKey',
      Resource: deadLetter.bucketKmsKeyArn,
      Condition: { StringEquals: { 'kms:ViaService': `s3.${deadLetter.bucketRegion}.amazonaws.com` } },
    },
  ];
}

/** A cluster's rule processor. */
export class RuleProcessor extends Construct {
  readonly role: IamRole;
  readonly logGroup: CloudwatchLogGroup;
  readonly function: LambdaFunction;
  readonly alias: LambdaAlias;

  constructor(scope: Construct, id: string, props: RuleProcessorProps) {
    super(scope, id);
    const { region, settings, functionName } = props;
    this.role = new IamRole(this, 'role', {
      name: functionName,
      description: `StreamAlert rule processor of cluster ${props.cluster}`,
      assumeRolePolicy: assumeRolePolicy('lambda.amazonaws.com', props.accountId),
    });
    this.logGroup = new CloudwatchLogGroup(this, 'logs', {
      region,
      name: `/aws/lambda/${functionName}`,
      retentionInDays: settings.log_retention_days,
      kmsKeyId: props.kmsKeyArn,
    });
    const logging = attachPolicy(this, 'write_logs', this.role, 'write_logs', [
      { Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: `${this.logGroup.arn}:*` },
    ]);
    attachPolicy(this, 'write_dead_letters', this.role, 'write_dead_letters', deadLetterStatements(props.cluster, props.deadLetter));
    this.function = new LambdaFunction(this, DEFAULT_ID, {
      region,
      functionName,
      description: `StreamAlert rule processor of cluster ${props.cluster}`,
      role: this.role.arn,
      handler: BOOTSTRAP_HANDLER,
      runtime: settings.runtime,
      memorySize: settings.memory,
      timeout: settings.timeout,
      reservedConcurrentExecutions: settings.concurrency_limit,
      filename: `\${path.module}/${BOOTSTRAP_PACKAGE_FILE}`,
      kmsKeyArn: props.kmsKeyArn,
      environment: { variables: determineEnvironment(props.cluster, settings, props.deadLetter.bucket, props.alertsEnvironment) },
      dependsOn: [this.logGroup, logging],
      // Version 1 is published from the bootstrap code, so the alias never points at $LATEST: code runs only
      // once `lambda deploy` has published and checked a version of its own.
      publish: true,
      lifecycle: { ignoreChanges: DEPLOY_OWNED_CODE_FIELDS },
    });
    this.alias = new LambdaAlias(this, 'alias', {
      region,
      name: PRODUCTION_ALIAS,
      description: 'Moved by streamalert lambda deploy and rollback',
      functionName: this.function.functionName,
      functionVersion: this.function.version,
      lifecycle: { ignoreChanges: ['function_version', 'routing_config'] },
    });
  }
}
