import {
  CreateBucketCommand,
  GetBucketPolicyCommand,
  HeadBucketCommand,
  PutBucketEncryptionCommand,
  PutBucketOwnershipControlsCommand,
  PutBucketPolicyCommand,
  PutBucketVersioningCommand,
  PutPublicAccessBlockCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { AwsCredentialsError } from '../../../../cli/aws';
import { bootstrapState, StateBucketError } from '../../../../cli/terraform/bootstrap-state';
import { DEFAULT_CONF_DIR } from '../../../_helpers/paths';
import { awsError } from '../deploy/fixtures';
import { captureContext } from '../deploy/test-context';
import { confWith } from './helpers';

const s3 = mockClient(S3Client);
const BUCKET = 'acme-streamalert-terraform-state';
const ACCOUNT = '123456789012';
const TLS_ONLY = {
  Sid: 'DenyInsecureTransport',
  Effect: 'Deny',
  Principal: '*',
  Action: 's3:*',
  Resource: [`arn:aws:s3:::${BUCKET}`, `arn:aws:s3:::${BUCKET}/*`],
  Condition: { Bool: { 'aws:SecureTransport': 'false' } },
};

beforeEach(() => {
  s3.reset();
  s3.on(HeadBucketCommand).rejects(awsError('NotFound', 'NotFound', 404));
  s3.on(CreateBucketCommand).resolves({});
  s3.on(PutBucketVersioningCommand).resolves({});
  s3.on(PutBucketEncryptionCommand).resolves({});
  s3.on(PutPublicAccessBlockCommand).resolves({});
  s3.on(GetBucketPolicyCommand).rejects(awsError('NoSuchBucketPolicy', 'The bucket policy does not exist', 404));
  s3.on(PutBucketPolicyCommand).resolves({});
  s3.on(PutBucketOwnershipControlsCommand).resolves({});
});

const operations = () => s3.calls().map((c) => (c.args[0] as { constructor: { name: string } }).constructor.name.replace(/Command$/, ''));
const inputOf = <T>(command: new (input: T) => unknown) => (s3.commandCalls(command as never)[0]?.args[0] as { input: T } | undefined)?.input;

describe('terraform bootstrap', () => {
  it('creates a missing bucket in the account region, then versions, encrypts, blocks, TLS-only and owner-enforces it', async () => {
    const { ctx, stderr } = captureContext(DEFAULT_CONF_DIR);
    await bootstrapState(ctx, { configDir: DEFAULT_CONF_DIR });
    expect(operations()).toEqual([
      'HeadBucket', 'CreateBucket', 'PutBucketVersioning', 'PutBucketEncryption', 'PutPublicAccessBlock', 'GetBucketPolicy', 'PutBucketPolicy', 'PutBucketOwnershipControls',
    ]);
    expect(await (s3.call(0).thisValue as S3Client).config.region()).toBe('us-east-1');
    expect(inputOf(HeadBucketCommand)).toEqual({ Bucket: BUCKET, ExpectedBucketOwner: ACCOUNT });
    // us-east-1 is the default location: naming it as a LocationConstraint is an error.
    expect(inputOf(CreateBucketCommand)).toEqual({ Bucket: BUCKET, ObjectOwnership: 'BucketOwnerEnforced' });
    expect(inputOf(PutBucketVersioningCommand)).toEqual({ Bucket: BUCKET, VersioningConfiguration: { Status: 'Enabled' } });
    expect(inputOf(PutBucketEncryptionCommand)).toEqual({
      Bucket: BUCKET,
      ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
    });
    expect(inputOf(PutPublicAccessBlockCommand)?.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true,
    });
    expect(JSON.parse(inputOf(PutBucketPolicyCommand)?.Policy ?? '{}')).toEqual({ Version: '2012-10-17', Statement: [TLS_ONLY] });
    expect(inputOf(PutBucketOwnershipControlsCommand)?.OwnershipControls).toEqual({ Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] });
    expect(stderr()).toMatch(/state bucket acme-streamalert-terraform-state \(us-east-1\): created/);
    expect(stderr()).toMatch(/encryption: SSE-S3 \(AES256\) by default/);
  });

  it('prints the result as JSON with --json', async () => {
    const { ctx, stdout } = captureContext(DEFAULT_CONF_DIR, true);
    await bootstrapState(ctx, { configDir: DEFAULT_CONF_DIR });
    const result = JSON.parse(stdout());
    expect(result).toEqual(expect.objectContaining({ ok: true, bucket: BUCKET, region: 'us-east-1', created: true }));
    expect(result.steps.map((s: { step: string }) => s.step)).toEqual(['versioning', 'encryption', 'public access block', 'TLS-only policy', 'ownership']);
  });

  it('names the region as LocationConstraint outside us-east-1, through a client of that region', async () => {
    const dir = confWith((v) => (v.account.region = 'eu-west-1'));
    const { ctx } = captureContext(dir);
    await bootstrapState(ctx, { configDir: dir });
    expect(inputOf(CreateBucketCommand)?.CreateBucketConfiguration).toEqual({ LocationConstraint: 'eu-west-1' });
    expect(await (s3.call(0).thisValue as S3Client).config.region()).toBe('eu-west-1');
  });

  it('keeps a bucket this account owns, says so, and adds the TLS-only statement to its existing policy', async () => {
    s3.on(HeadBucketCommand).resolves({});
    const mine = { Sid: 'Mine', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 's3:GetObject', Resource: `arn:aws:s3:::${BUCKET}/*` };
    s3.on(GetBucketPolicyCommand).resolves({ Policy: JSON.stringify({ Version: '2012-10-17', Id: 'own', Statement: [mine] }) });
    const { ctx, stderr } = captureContext(DEFAULT_CONF_DIR);
    await bootstrapState(ctx, { configDir: DEFAULT_CONF_DIR });
    expect(operations()).not.toContain('CreateBucket');
    expect(stderr()).toMatch(/already exists, owned by this account \(123456789012\)/);
    expect(JSON.parse(inputOf(PutBucketPolicyCommand)?.Policy ?? '{}')).toEqual({ Version: '2012-10-17', Id: 'own', Statement: [mine, TLS_ONLY] });
  });

  it('leaves a policy that already denies plain HTTP as it is', async () => {
    s3.on(HeadBucketCommand).resolves({});
    s3.on(GetBucketPolicyCommand).resolves({ Policy: JSON.stringify({ Version: '2012-10-17', Statement: [TLS_ONLY] }) });
    const { ctx, stderr } = captureContext(DEFAULT_CONF_DIR);
    await bootstrapState(ctx, { configDir: DEFAULT_CONF_DIR });
    expect(operations()).not.toContain('PutBucketPolicy');
    expect(stderr()).toMatch(/TLS-only policy: already denies plain HTTP/);
  });

  it.each([
    ['HeadBucket answers 403 (another owner)', () => s3.on(HeadBucketCommand).rejects(awsError('Forbidden', 'Forbidden', 403)), /: check: exists but is not owned by account 123456789012/],
    ['CreateBucket says the name is taken', () => s3.on(CreateBucketCommand).rejects(awsError('BucketAlreadyExists', 'The requested bucket name is not available', 409)), /: create: the name is taken by another account/],
  ])('refuses a bucket owned by another account when %s, exit 1, changing nothing', async (_name, arrange, message) => {
    arrange();
    const { ctx } = captureContext(DEFAULT_CONF_DIR);
    const run = bootstrapState(ctx, { configDir: DEFAULT_CONF_DIR });
    await expect(run).rejects.toThrow(StateBucketError);
    await expect(run).rejects.toThrow(message);
    await expect(run).rejects.toMatchObject({ exitCode: 1, code: 'StateBucketNotOwned', hint: expect.stringMatching(/choose another "terraform.state_bucket"/) });
    expect(operations().filter((o) => o.startsWith('Put'))).toEqual([]);
  });

  it('treats BucketAlreadyOwnedByYou from CreateBucket as a bucket it already has', async () => {
    s3.on(CreateBucketCommand).rejects(awsError('BucketAlreadyOwnedByYou', 'Your previous request to create the named bucket succeeded', 409));
    const { ctx, stderr } = captureContext(DEFAULT_CONF_DIR);
    await bootstrapState(ctx, { configDir: DEFAULT_CONF_DIR });
    expect(stderr()).toMatch(/already exists, owned by this account/);
    expect(operations()).toContain('PutBucketOwnershipControls');
  });

  it.each([
    ['check', 'HeadBucket', HeadBucketCommand],
    ['create', 'CreateBucket', CreateBucketCommand],
    ['versioning', 'PutBucketVersioning', PutBucketVersioningCommand],
    ['encryption', 'PutBucketEncryption', PutBucketEncryptionCommand],
    ['public access block', 'PutPublicAccessBlock', PutPublicAccessBlockCommand],
    ['TLS-only policy', 'GetBucketPolicy', GetBucketPolicyCommand],
    ['TLS-only policy', 'PutBucketPolicy', PutBucketPolicyCommand],
    ['ownership', 'PutBucketOwnershipControls', PutBucketOwnershipControlsCommand],
  ] as const)('names the %s step and the AWS error when %s fails, exit 1, and stops there', async (stepName, operation, command) => {
    s3.on(command as never).rejects(awsError('InternalError', 'We encountered an internal error', 500));
    const { ctx } = captureContext(DEFAULT_CONF_DIR);
    const run = bootstrapState(ctx, { configDir: DEFAULT_CONF_DIR });
    await expect(run).rejects.toThrow(`state bucket "${BUCKET}" (us-east-1): ${stepName}: InternalError: We encountered an internal error`);
    await expect(run).rejects.toMatchObject({ exitCode: 1, code: 'StateBucketStepFailed', step: stepName });
    const ops = operations();
    expect(ops[ops.length - 1]).toBe(operation);
  });

  it('says in one line that there are no credentials', async () => {
    s3.on(HeadBucketCommand).rejects(awsError('CredentialsProviderError', 'Could not load credentials from any providers'));
    const { ctx } = captureContext(DEFAULT_CONF_DIR);
    await expect(bootstrapState(ctx, { configDir: DEFAULT_CONF_DIR })).rejects.toThrow(AwsCredentialsError);
  });

  it('prints every call with --dry-run and makes none', async () => {
    const { ctx, stderr } = captureContext(DEFAULT_CONF_DIR);
    await bootstrapState(ctx, { configDir: DEFAULT_CONF_DIR, dryRun: true });
    const json = captureContext(DEFAULT_CONF_DIR, true);
    await bootstrapState(json.ctx, { configDir: DEFAULT_CONF_DIR, dryRun: true });
    const stdout = json.stdout;
    expect(s3.calls()).toHaveLength(0);
    expect(stderr()).toMatch(/would call HeadBucket \{"Bucket":"acme-streamalert-terraform-state","ExpectedBucketOwner":"123456789012"\}/);
    expect(stderr()).toMatch(/would call CreateBucket .* \(only if the bucket does not exist\)/);
    expect(JSON.parse(stdout()).calls.map((c: { operation: string }) => c.operation)).toEqual([
      'HeadBucket', 'CreateBucket', 'PutBucketVersioning', 'PutBucketEncryption', 'PutPublicAccessBlock', 'GetBucketPolicy', 'PutBucketPolicy', 'PutBucketOwnershipControls',
    ]);
  });
});
