/**
 * The S3 calls that make the Terraform state bucket: exists and ours (or created), then versioned,
 * encrypted, private, TLS-only and owner-enforced. Terraform cannot create the bucket that holds its
 * own state, so `streamalert terraform bootstrap` does, before the first `terraform init`.
 */
import {
  CreateBucketCommand,
  GetBucketPolicyCommand,
  HeadBucketCommand,
  PutBucketEncryptionCommand,
  PutBucketOwnershipControlsCommand,
  PutBucketPolicyCommand,
  PutBucketVersioningCommand,
  PutPublicAccessBlockCommand,
  type BucketLocationConstraint,
  type S3Client,
} from '@aws-sdk/client-s3';
import { partitionOf, policyDocument, type PolicyStatement } from './constructs/policy';

/** Where the state lives and who must own it. */
export interface StateBucketSpec {
  readonly bucket: string;
  readonly region: string;
  /** The account that must own the bucket (`account.id`). */
  readonly accountId: string;
}

/** Steps of the bootstrap, in order; a failure names its step. */
export type StateBucketStep = 'check' | 'create' | 'versioning' | 'encryption' | 'public access block' | 'TLS-only policy' | 'ownership';

/** One S3 call, as `--dry-run` prints it. */
export interface PlannedCall {
  readonly step: StateBucketStep;
  readonly operation: string;
  readonly input: Readonly<Record<string, unknown>>;
  /** When the call is made only under a condition. */
  readonly when?: string;
}

/** Sid of the statement that denies plain-HTTP requests; found in an existing policy, it is left alone. */
export const TLS_ONLY_SID = 'DenyInsecureTransport';

/** Deny every request that does not use TLS. */
export function tlsOnlyStatement(spec: StateBucketSpec): PolicyStatement {
  const arn = `arn:${partitionOf(spec.region)}:s3:::${spec.bucket}`;
  return {
    Sid: TLS_ONLY_SID,
    Effect: 'Deny',
    Principal: '*',
    Action: 's3:*',
    Resource: [arn, `${arn}/*`],
    Condition: { Bool: { 'aws:SecureTransport': 'false' } },
  };
}

/**
 * Default encryption: SSE-S3 (AES256). The S3 backend we generate (`encrypt = true`, no `kms_key_id`)
 * sends `x-amz-server-side-encryption: AES256` with every state and lock object, which overrides any
 * bucket default, so an SSE-KMS default would only claim a protection the state never gets; SSE-S3 also
 * needs no key permissions for whoever runs Terraform. (The KMS keys of the deployment are created by
 * the very Terraform whose state this bucket holds, so none of them can protect it.)
 */
export const STATE_ENCRYPTION = { ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' as const } };

/** Every call the bootstrap makes, in order, with its input (what `--dry-run` prints). */
export function planStateBucket(spec: StateBucketSpec): PlannedCall[] {
  const Bucket = spec.bucket;
  return [
    { step: 'check', operation: 'HeadBucket', input: { Bucket, ExpectedBucketOwner: spec.accountId } },
    { step: 'create', operation: 'CreateBucket', input: createInput(spec), when: 'the bucket does not exist' },
    { step: 'versioning', operation: 'PutBucketVersioning', input: { Bucket, VersioningConfiguration: { Status: 'Enabled' } } },
    { step: 'encryption', operation: 'PutBucketEncryption', input: { Bucket, ServerSideEncryptionConfiguration: { Rules: [STATE_ENCRYPTION] } } },
    {
      step: 'public access block',
      operation: 'PutPublicAccessBlock',
      input: { Bucket, PublicAccessBlockConfiguration: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true } },
    },
    { step: 'TLS-only policy', operation: 'GetBucketPolicy', input: { Bucket, ExpectedBucketOwner: spec.accountId } },
    {
      step: 'TLS-only policy',
      operation: 'PutBucketPolicy',
      input: { Bucket, Policy: policyDocument([tlsOnlyStatement(spec)]) },
      when: `the policy has no "${TLS_ONLY_SID}" statement (an existing policy keeps its statements)`,
    },
    { step: 'ownership', operation: 'PutBucketOwnershipControls', input: { Bucket, OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] } } },
  ];
}

function createInput(spec: StateBucketSpec) {
  // us-east-1 is the default location and refuses to be named as a LocationConstraint.
  return {
    Bucket: spec.bucket,
    ObjectOwnership: 'BucketOwnerEnforced' as const,
    ...(spec.region === 'us-east-1' ? {} : { CreateBucketConfiguration: { LocationConstraint: spec.region as BucketLocationConstraint } }),
  };
}

/** HTTP status of an SDK error, if any. */
export function httpStatus(err: unknown): number | undefined {
  return (err as { $metadata?: { httpStatusCode?: number } })?.$metadata?.httpStatusCode;
}

/** `HeadBucket`, owner-checked: true when it exists and is ours, false when it does not exist; throws otherwise. */
export async function headBucket(s3: S3Client, spec: StateBucketSpec): Promise<boolean> {
  try {
    await s3.send(new HeadBucketCommand({ Bucket: spec.bucket, ExpectedBucketOwner: spec.accountId }));
    return true;
  } catch (err) {
    if (httpStatus(err) === 404) return false;
    throw err;
  }
}

/** `CreateBucket`, owner-enforced from the start. */
export async function createBucket(s3: S3Client, spec: StateBucketSpec): Promise<void> {
  await s3.send(new CreateBucketCommand(createInput(spec)));
}

/** The configuration calls after check and create, in order, each idempotent; each returns what it made sure of. */
export const configureSteps: readonly { readonly step: StateBucketStep; readonly run: (s3: S3Client, spec: StateBucketSpec) => Promise<string> }[] = [
  {
    step: 'versioning',
    run: async (s3, { bucket }) => {
      await s3.send(new PutBucketVersioningCommand({ Bucket: bucket, VersioningConfiguration: { Status: 'Enabled' } }));
      return 'enabled';
    },
  },
  {
    step: 'encryption',
    run: async (s3, { bucket }) => {
      await s3.send(new PutBucketEncryptionCommand({ Bucket: bucket, ServerSideEncryptionConfiguration: { Rules: [STATE_ENCRYPTION] } }));
      return 'SSE-S3 (AES256) by default';
    },
  },
  {
    step: 'public access block',
    run: async (s3, { bucket }) => {
      await s3.send(
        new PutPublicAccessBlockCommand({
          Bucket: bucket,
          PublicAccessBlockConfiguration: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true },
        }),
      );
      return 'all four settings on';
    },
  },
  { step: 'TLS-only policy', run: ensureTlsOnlyPolicy },
  {
    step: 'ownership',
    run: async (s3, { bucket }) => {
      await s3.send(new PutBucketOwnershipControlsCommand({ Bucket: bucket, OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] } }));
      return 'bucket owner enforced (ACLs off)';
    },
  },
];

/** Adds the TLS-only statement to the bucket policy, keeping any statements already there. */
async function ensureTlsOnlyPolicy(s3: S3Client, spec: StateBucketSpec): Promise<string> {
  let existing: { Statement?: unknown } | undefined;
  try {
    const current = await s3.send(new GetBucketPolicyCommand({ Bucket: spec.bucket, ExpectedBucketOwner: spec.accountId }));
    existing = JSON.parse(current.Policy ?? '{}') as { Statement?: unknown };
  } catch (err) {
    if (httpStatus(err) !== 404) throw err; // NoSuchBucketPolicy: no policy yet
  }
  const statements = [existing?.Statement ?? []].flat() as { Sid?: unknown }[];
  if (statements.some((s) => s.Sid === TLS_ONLY_SID)) return `already denies plain HTTP ("${TLS_ONLY_SID}")`;
  const policy = existing
    ? JSON.stringify({ ...existing, Statement: [...statements, { Effect: 'Deny', ...tlsOnlyStatement(spec) }] })
    : policyDocument([tlsOnlyStatement(spec)]);
  await s3.send(new PutBucketPolicyCommand({ Bucket: spec.bucket, Policy: policy }));
  return existing ? `denies plain HTTP (added to the ${statements.length} existing statement(s))` : 'denies plain HTTP';
}
