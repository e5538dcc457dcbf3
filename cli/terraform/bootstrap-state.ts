/**
 * `streamalert terraform bootstrap`: creates the Terraform state bucket named in
 * `terraform.state_bucket`, in the account region, and makes it safe to hold state. Idempotent: a
 * bucket this account already owns is configured (again), never recreated.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import { loadConfig } from '../../runtime/config';
import { ExitCode, StreamAlertError } from '../../runtime/errors';
import { AwsCredentialsError, createS3Client, describeAwsError, isCredentialsError } from '../aws';
import type { CommandContext } from '../context';
import { configureSteps, createBucket, headBucket, httpStatus, planStateBucket, type StateBucketSpec, type StateBucketStep } from './state-bucket';

/** Options of `terraform bootstrap`. */
export interface TerraformBootstrapOptions {
  /** Configuration directory. */
  readonly configDir: string;
  /** Print the calls without making them. @default false */
  readonly dryRun?: boolean;
}

/** What tests replace: the S3 client of a region. */
export interface TerraformBootstrapDeps {
  readonly s3?: (region: string) => S3Client;
}

/** A step of the bootstrap failed (exit 1): names the bucket, the step and the AWS error. */
export class StateBucketError extends StreamAlertError {
  readonly step: StateBucketStep;

  constructor(code: 'StateBucketStepFailed' | 'StateBucketNotOwned', spec: StateBucketSpec, step: StateBucketStep, detail: string, options: { hint?: string; cause?: unknown } = {}) {
    super(code, `state bucket "${spec.bucket}" (${spec.region}): ${step}: ${detail}`, {
      source: code === 'StateBucketNotOwned' ? 'user' : 'aws',
      exitCode: ExitCode.Runtime,
      ...options,
    });
    this.step = step;
  }
}

const NOT_OURS_HINT = 'bucket names are global: choose another "terraform.state_bucket" in conf/variables.json (or use credentials of the owning account)';

/** Runs one step; AWS errors become a {@link StateBucketError} naming it, credential errors one clear line. */
async function step<T>(spec: StateBucketSpec, name: StateBucketStep, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof StreamAlertError) throw err;
    if (isCredentialsError(err)) throw new AwsCredentialsError(err);
    throw new StateBucketError('StateBucketStepFailed', spec, name, describeAwsError(err), { cause: err });
  }
}

/** Is the bucket there and ours? Creates it when it does not exist; refuses one owned by another account. */
async function ensureBucket(s3: S3Client, spec: StateBucketSpec): Promise<'created' | 'existed'> {
  const exists = await step(spec, 'check', async () => {
    try {
      return await headBucket(s3, spec);
    } catch (err) {
      // With ExpectedBucketOwner, S3 answers 403 when another account owns the bucket.
      if (httpStatus(err) === 403) {
        throw new StateBucketError('StateBucketNotOwned', spec, 'check', `exists but is not owned by account ${spec.accountId} (HeadBucket: 403 Forbidden), or these credentials may not read it`, { hint: NOT_OURS_HINT, cause: err });
      }
      if (httpStatus(err) === 301) {
        throw new StateBucketError('StateBucketStepFailed', spec, 'check', `exists in another region than the account region ${spec.region}`, { hint: 'set "terraform.state_bucket" to a bucket in the account region', cause: err });
      }
      throw err;
    }
  });
  if (exists) return 'existed';
  return step(spec, 'create', async () => {
    try {
      await createBucket(s3, spec);
      return 'created';
    } catch (err) {
      const name = (err as { name?: string }).name;
      if (name === 'BucketAlreadyOwnedByYou') return 'existed'; // created meanwhile, by us
      if (name === 'BucketAlreadyExists') throw new StateBucketError('StateBucketNotOwned', spec, 'create', 'the name is taken by another account (BucketAlreadyExists)', { hint: NOT_OURS_HINT, cause: err });
      throw err;
    }
  });
}

/**
 * `streamalert terraform bootstrap`.
 * @throws StateBucketError (exit 1) naming the step that failed, or a bucket another account owns.
 * @throws AwsCredentialsError when there are no usable credentials.
 */
export async function bootstrapState(ctx: CommandContext, options: TerraformBootstrapOptions, deps: TerraformBootstrapDeps = {}): Promise<void> {
  const config = loadConfig(options.configDir);
  const spec: StateBucketSpec = { bucket: config.terraform.state_bucket, region: config.account.region, accountId: config.account.id };
  const where = `state bucket ${spec.bucket} (${spec.region})`;
  if (options.dryRun) {
    const calls = planStateBucket(spec);
    for (const call of calls) ctx.io.info(`would call ${call.operation} ${JSON.stringify(call.input)}${call.when ? ` (only if ${call.when})` : ''}`);
    ctx.io.info('dry run: no AWS call was made');
    ctx.io.result({ ok: true, dry_run: true, bucket: spec.bucket, region: spec.region, calls });
    return;
  }
  const s3 = (deps.s3 ?? createS3Client)(spec.region);
  const state = await ensureBucket(s3, spec);
  ctx.io.info(state === 'created' ? `${where}: created` : `${where}: already exists, owned by this account (${spec.accountId}); making sure of its settings`);
  const steps: { step: StateBucketStep; result: string }[] = [];
  for (const { step: name, run } of configureSteps) {
    const result = await step(spec, name, () => run(s3, spec));
    ctx.io.info(`${where}: ${name}: ${result}`);
    steps.push({ step: name, result });
  }
  ctx.io.info(`${where} is ready: run \`streamalert terraform plan\``);
  ctx.io.result({ ok: true, bucket: spec.bucket, region: spec.region, created: state === 'created', steps });
}
