/**
 * `terraform bootstrap` end to end: the built CLI in its own process, the AWS SDK pointed at the
 * loopback fake of S3 through AWS_ENDPOINT_URL (path-style), dummy credentials in env.
 */
import { startFakeAws, type FakeAws } from '../_helpers/fake-aws';
import { fakeAwsEnv, runCliAsync } from '../_helpers/fake-aws-cli';
import { confWith } from '../unit/cli/terraform/helpers';

const BUCKET = 'acme-streamalert-terraform-state';
let aws: FakeAws;

const bootstrap = (...extra: string[]) => runCliAsync(['terraform', 'bootstrap', ...extra], fakeAwsEnv(aws.url));

beforeAll(async () => {
  aws = await startFakeAws();
});
afterAll(() => aws.close());

describe('streamalert terraform bootstrap (process, fake S3 on 127.0.0.1)', () => {
  it('prints the calls and makes none with --dry-run', async () => {
    const run = await bootstrap('--dry-run');
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/would call CreateBucket \{"Bucket":"acme-streamalert-terraform-state","ObjectOwnership":"BucketOwnerEnforced"\}/);
    expect(aws.calls).toEqual([]);
  });

  it('creates the state bucket and makes it versioned, encrypted, private, TLS-only and owner-enforced', async () => {
    const run = await bootstrap();
    expect(run.stderr).not.toMatch(/NodeVersionSupportWarning|DeprecationWarning/);
    expect(run.code).toBe(0);
    expect(aws.calls).toEqual([
      'HeadBucket', 'CreateBucket', 'PutBucketVersioning', 'PutBucketEncryption', 'PutPublicAccessBlock', 'GetBucketPolicy', 'PutBucketPolicy', 'PutBucketOwnershipControls',
    ]);
    const settings = aws.buckets.get(BUCKET)!.settings;
    expect(settings.get('PutBucketVersioning')).toMatch(/<Status>Enabled<\/Status>/);
    expect(settings.get('PutBucketEncryption')).toMatch(/<SSEAlgorithm>AES256<\/SSEAlgorithm>/);
    for (const flag of ['BlockPublicAcls', 'IgnorePublicAcls', 'BlockPublicPolicy', 'RestrictPublicBuckets']) {
      expect(settings.get('PutPublicAccessBlock')).toMatch(new RegExp(`<${flag}>true</${flag}>`));
    }
    expect(JSON.parse(settings.get('PutBucketPolicy')!).Statement).toEqual([
      expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
    ]);
    expect(settings.get('PutBucketOwnershipControls')).toMatch(/<ObjectOwnership>BucketOwnerEnforced<\/ObjectOwnership>/);
    expect(run.stderr).toMatch(/state bucket acme-streamalert-terraform-state \(us-east-1\): created/);
  });

  it('keeps the bucket on a second run, says it is ours, and writes no second TLS statement', async () => {
    const before = aws.calls.length;
    const run = await bootstrap('--json');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual(expect.objectContaining({ ok: true, created: false }));
    expect(aws.calls.slice(before)).not.toContain('CreateBucket');
    expect(aws.calls.slice(before)).not.toContain('PutBucketPolicy');
    expect(JSON.parse(aws.buckets.get(BUCKET)!.settings.get('PutBucketPolicy')!).Statement).toHaveLength(1);
  });

  it('refuses a bucket another account owns, exit 1, without touching it', async () => {
    aws.addBucket('someone-elses-state', '999999999999');
    const conf = confWith((v) => (v.terraform.state_bucket = 'someone-elses-state'));
    const run = await runCliAsync(['--config', conf, 'terraform', 'bootstrap'], fakeAwsEnv(aws.url));
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/error: state bucket "someone-elses-state" \(us-east-1\): check: exists but is not owned by account 123456789012/);
    expect(run.stderr).toMatch(/hint: bucket names are global/);
    expect(aws.buckets.get('someone-elses-state')!.settings.size).toBe(0);
  });

  it('names the failed step and the AWS error, exit 1', async () => {
    aws.faults.set('PutBucketEncryption', { status: 403, type: 'AccessDenied', message: 'User is not authorized to perform s3:PutEncryptionConfiguration' });
    try {
      const run = await bootstrap();
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/error: state bucket "acme-streamalert-terraform-state" \(us-east-1\): encryption: AccessDenied: User is not authorized/);
      expect(run.stderr).not.toMatch(/\s+at \S+ \(/);
    } finally {
      aws.faults.clear();
    }
  });

  it('says in one line that there are no credentials', async () => {
    const run = await runCliAsync(['terraform', 'bootstrap'], fakeAwsEnv(aws.url, false));
    expect(run.code).toBe(1);
    expect(run.stderr.split('\n').filter((l) => l.startsWith('error:'))).toEqual([expect.stringMatching(/^error: no usable AWS credentials/)]);
  });
});
