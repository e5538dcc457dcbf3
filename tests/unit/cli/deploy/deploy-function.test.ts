import {
  GetAliasCommand,
  GetFunctionCommand,
  GetFunctionConfigurationCommand,
  LambdaClient,
  PublishVersionCommand,
  UpdateAliasCommand,
  UpdateFunctionCodeCommand,
} from '@aws-sdk/client-lambda';
import { HeadObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { createAwsClients } from '../../../../cli/aws';
import { deployFunction } from '../../../../cli/deploy';
import { awsError, BUCKET, fakePackage, FUNCTION_NAME } from './fixtures';

const lambda = mockClient(LambdaClient);
const s3 = mockClient(S3Client);
const clients = createAwsClients('us-east-1', {});
const pkg = fakePackage();
const key = `${FUNCTION_NAME}/${pkg.sha256}.zip`;
const wait = { delayMs: 0, timeoutMs: 1000 };

/** Every call succeeds: alias at version 3 (other code), object missing, update in progress then done, version 4. */
function happyPath(): void {
  lambda.on(GetAliasCommand).resolves({ FunctionVersion: '3', RevisionId: 'rev-1' });
  lambda.on(GetFunctionConfigurationCommand).resolves({ CodeSha256: 'b2xkIGNvZGU=' });
  s3.on(HeadObjectCommand).rejects(awsError('NotFound', 'NotFound', 404));
  s3.on(PutObjectCommand).resolves({});
  lambda.on(UpdateFunctionCodeCommand).resolves({ LastUpdateStatus: 'InProgress' });
  lambda
    .on(GetFunctionCommand)
    .resolvesOnce({ Configuration: { LastUpdateStatus: 'InProgress' } })
    .resolves({ Configuration: { LastUpdateStatus: 'Successful' } });
  lambda.on(PublishVersionCommand).resolves({ Version: '4' });
  lambda.on(UpdateAliasCommand).resolves({ FunctionVersion: '4' });
}

const deploy = () => deployFunction({ clients, pkg, bucket: BUCKET, wait });

beforeEach(() => {
  lambda.reset();
  s3.reset();
  happyPath();
});

describe('deployFunction', () => {
  it('uploads, updates, waits, publishes with the CodeSha256 guard and moves the alias with the RevisionId guard', async () => {
    const outcome = await deploy();
    expect(outcome).toEqual(expect.objectContaining({ status: 'deployed', oldVersion: '3', newVersion: '4', uploaded: true }));
    expect(s3.commandCalls(PutObjectCommand)[0].args[0].input).toEqual(
      expect.objectContaining({ Bucket: BUCKET, Key: key, ChecksumSHA256: pkg.codeSha256 }),
    );
    expect(lambda.commandCalls(UpdateFunctionCodeCommand)[0].args[0].input).toEqual(
      expect.objectContaining({ FunctionName: FUNCTION_NAME, S3Bucket: BUCKET, S3Key: key }),
    );
    expect(lambda.commandCalls(GetFunctionCommand)).toHaveLength(2);
    expect(lambda.commandCalls(PublishVersionCommand)[0].args[0].input).toEqual(expect.objectContaining({ CodeSha256: pkg.codeSha256 }));
    expect(lambda.commandCalls(UpdateAliasCommand)[0].args[0].input).toEqual({
      FunctionName: FUNCTION_NAME,
      Name: 'production',
      FunctionVersion: '4',
      RevisionId: 'rev-1',
    });
  });

  it('skips the upload when the object at the key has the package SHA-256 (asked with checksum mode)', async () => {
    s3.on(HeadObjectCommand).resolves({ ChecksumSHA256: pkg.codeSha256 });
    const outcome = await deploy();
    expect(outcome.uploaded).toBe(false);
    expect(s3.commandCalls(HeadObjectCommand)[0].args[0].input).toEqual({ Bucket: BUCKET, Key: key, ChecksumMode: 'ENABLED' });
    expect(s3.commandCalls(PutObjectCommand)).toHaveLength(0);
    expect(outcome.status).toBe('deployed');
  });

  it.each([
    ['another SHA-256', { ChecksumSHA256: 'c29tZXRoaW5nIGVsc2U=' }],
    ['no checksum', {}],
  ])('uploads again over an object at the key with %s', async (_what, head) => {
    s3.on(HeadObjectCommand).resolves(head);
    const outcome = await deploy();
    expect(outcome.uploaded).toBe(true);
    expect(s3.commandCalls(PutObjectCommand)[0].args[0].input).toEqual(expect.objectContaining({ Key: key, ChecksumSHA256: pkg.codeSha256 }));
  });

  it('publishes nothing when the alias version already runs this code, and says so', async () => {
    lambda.on(GetFunctionConfigurationCommand, { FunctionName: FUNCTION_NAME, Qualifier: '3' }).resolves({ CodeSha256: pkg.codeSha256 });
    const steps: string[] = [];
    const outcome = await deployFunction({ clients, pkg, bucket: BUCKET, wait, report: (_f, step, detail) => steps.push(`${step}: ${detail}`) });
    expect(outcome).toEqual(expect.objectContaining({ status: 'unchanged', oldVersion: '3', newVersion: '3' }));
    expect(steps).toContain('unchanged: version 3 already runs this code; nothing published');
    expect(lambda.commandCalls(UpdateFunctionCodeCommand)).toHaveLength(0);
    expect(lambda.commandCalls(PublishVersionCommand)).toHaveLength(0);
    expect(lambda.commandCalls(UpdateAliasCommand)).toHaveLength(0);
    expect(s3.commandCalls(PutObjectCommand)).toHaveLength(0);
  });

  it.each([
    ['read', () => lambda.on(GetAliasCommand).rejects(awsError('ResourceNotFoundException', 'Function not found: acme_prod_streamalert_rules', 404)), /ResourceNotFoundException: Function not found: .* \(the function and its production alias are created by `streamalert terraform apply`\)/],
    ['upload', () => s3.on(PutObjectCommand).rejects(awsError('AccessDenied', 'Access Denied', 403)), /AccessDenied: Access Denied/],
    ['upload', () => s3.on(HeadObjectCommand).rejects(awsError('Forbidden', 'Forbidden', 403)), /^Forbidden$/],
    ['update', () => lambda.on(UpdateFunctionCodeCommand).rejects(awsError('ResourceConflictException', 'An update is in progress', 409)), /ResourceConflictException: An update is in progress/],
    [
      'wait',
      () => lambda.on(GetFunctionCommand).resolves({ Configuration: { LastUpdateStatus: 'Failed', LastUpdateStatusReasonCode: 'InvalidZipFileException', LastUpdateStatusReason: 'bad zip' } }),
      /the code update failed \(InvalidZipFileException: bad zip\)/,
    ],
    ['wait', () => lambda.on(GetFunctionCommand).resolves({ Configuration: { LastUpdateStatus: 'InProgress' } }), /still InProgress after/],
    ['publish', () => lambda.on(PublishVersionCommand).rejects(awsError('PreconditionFailedException', 'CodeSha256 does not match', 412)), /PreconditionFailedException: CodeSha256 does not match/],
  ])('fails at %s, names the step and AWS error, and never moves the alias', async (step, inject, message) => {
    inject();
    const outcome = await deployFunction({ clients, pkg, bucket: BUCKET, wait: { delayMs: 0, timeoutMs: 5 } });
    expect(outcome.status).toBe('failed');
    expect(outcome.error?.step).toBe(step);
    expect(outcome.error?.message).toMatch(message);
    expect(lambda.commandCalls(UpdateAliasCommand)).toHaveLength(0);
  });

  it('fails at alias on a RevisionId conflict: the guarded UpdateAlias is refused, so the alias is unchanged', async () => {
    lambda.on(UpdateAliasCommand).rejects(awsError('PreconditionFailedException', 'The RevisionId provided does not match the latest RevisionId', 412));
    const outcome = await deploy();
    expect(outcome).toEqual(expect.objectContaining({ status: 'failed', oldVersion: '3' }));
    expect(outcome.error).toEqual({ step: 'alias', message: expect.stringMatching(/^PreconditionFailedException: The RevisionId/) });
    expect(lambda.commandCalls(UpdateAliasCommand)[0].args[0].input.RevisionId).toBe('rev-1');
  });

  it('lets a credentials error through, since every function would fail the same way', async () => {
    lambda.on(GetAliasCommand).rejects(awsError('CredentialsProviderError', 'Could not load credentials from any providers'));
    await expect(deploy()).rejects.toThrow(/Could not load credentials/);
  });
});
