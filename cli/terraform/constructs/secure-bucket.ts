/**
 * An S3 bucket the way every StreamAlert bucket is made: versioned, encrypted, public access blocked,
 * owner-enforced, TLS-only, and logging to the access-logs bucket.
 */
import { Construct } from 'constructs';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketLoggingA as S3BucketLogging } from '@cdktf/provider-aws/lib/s3-bucket-logging';
import { S3BucketOwnershipControls } from '@cdktf/provider-aws/lib/s3-bucket-ownership-controls';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { S3BucketServerSideEncryptionConfigurationA as S3BucketServerSideEncryptionConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { S3BucketVersioningA as S3BucketVersioning } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import { DEFAULT_ID } from '../stack';
import { policyDocument, type PolicyStatement } from './policy';

/** Properties of {@link SecureBucket}. */
export interface SecureBucketProps {
  /** Bucket name (globally unique). */
  readonly bucketName: string;
  readonly region: string;
  /**
   * KMS key for default encryption. Omit only for the access-logs bucket: S3 server access logging
   * cannot deliver to a bucket whose default encryption is SSE-KMS
   * (https://docs.aws.amazon.com/AmazonS3/latest/userguide/enable-server-access-logging.html).
   * @default SSE-S3 (AES256)
   */
  readonly kmsKeyArn?: string;
  /**
   * Bucket that receives this bucket's access logs.
   * @default no access logging (the access-logs bucket itself)
   */
  readonly accessLogsBucket?: string;
  /**
   * Statements added to the bucket policy (beside the TLS-only deny).
   * @default none
   */
  readonly extraStatements?: readonly PolicyStatement[];
  /**
   * Allow `terraform destroy` to delete a bucket that still holds objects.
   * @default false
   */
  readonly forceDestroy?: boolean;
}

/** Versioned, encrypted, private, TLS-only bucket. */
export class SecureBucket extends Construct {
  readonly bucket: S3Bucket;
  /** The bucket policy: depend on it before writing into the bucket as a service. */
  readonly policy: S3BucketPolicy;

  constructor(scope: Construct, id: string, props: SecureBucketProps) {
    super(scope, id);
    const region = props.region;
    this.bucket = new S3Bucket(this, DEFAULT_ID, { bucket: props.bucketName, region, forceDestroy: props.forceDestroy ?? false });
    const bucket = this.bucket.id;
    new S3BucketVersioning(this, 'versioning', { bucket, region, versioningConfiguration: { status: 'Enabled' } });
    new S3BucketServerSideEncryptionConfiguration(this, 'encryption', {
      bucket,
      region,
      rule: [
        props.kmsKeyArn
          ? {
              applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms', kmsMasterKeyId: props.kmsKeyArn },
              bucketKeyEnabled: true,
            }
          : { applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' } },
      ],
    });
    new S3BucketPublicAccessBlock(this, 'public_access_block', {
      bucket,
      region,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
    new S3BucketOwnershipControls(this, 'ownership', { bucket, region, rule: { objectOwnership: 'BucketOwnerEnforced' } });
    this.policy = new S3BucketPolicy(this, 'policy', {
      bucket,
      region,
      policy: policyDocument([...(props.extraStatements ?? []), this.tlsOnly()]),
    });
    if (props.accessLogsBucket) {
      new S3BucketLogging(this, 'logging', {
        bucket,
        region,
        targetBucket: props.accessLogsBucket,
        targetPrefix: `${props.bucketName}/`,
      });
    }
  }

  /** Deny every request that does not use TLS. */
  private tlsOnly(): PolicyStatement {
    return {
      Sid: 'DenyInsecureTransport',
      Effect: 'Deny',
      Principal: '*',
      Action: 's3:*',
      Resource: [this.bucket.arn, `${this.bucket.arn}/*`],
      Condition: { Bool: { 'aws:SecureTransport': 'false' } },
    };
  }
}
