/** AWS errors in the user's terms: which error, and whether it is about credentials. */
import { ExitCode, StreamAlertError, errorMessage } from '../../runtime/errors';

const CREDENTIAL_ERRORS = new Set([
  'CredentialsProviderError',
  'ExpiredToken',
  'ExpiredTokenException',
  'InvalidClientTokenId',
  'UnrecognizedClientException',
  'InvalidAccessKeyId',
  'SignatureDoesNotMatch',
]);

/** The error's AWS name (`ResourceNotFoundException`...), or its class name. */
export function awsErrorName(err: unknown): string {
  if (typeof err === 'object' && err !== null) {
    const named = err as { name?: unknown; Code?: unknown; code?: unknown };
    for (const value of [named.name, named.Code, named.code]) {
      if (typeof value === 'string' && value !== '' && value !== 'Error') return value;
    }
  }
  return 'Error';
}

/** `Name: message` of an AWS error, on one line. */
export function describeAwsError(err: unknown): string {
  const name = awsErrorName(err);
  const message = errorMessage(err).split('\n')[0].trim();
  if (message === '' || message === name || message === 'UnknownError') return name;
  return `${name}: ${message}`;
}

/** True when the error means there are no usable credentials (missing, expired or wrong). */
export function isCredentialsError(err: unknown): boolean {
  return CREDENTIAL_ERRORS.has(awsErrorName(err));
}

/** No usable AWS credentials: one clear line, no stack trace. Exit code 1. */
export class AwsCredentialsError extends StreamAlertError {
  constructor(cause: unknown) {
    super(
      'AwsCredentials',
      `no usable AWS credentials (${describeAwsError(cause)}): set AWS_PROFILE, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or run \`aws sso login\``,
      { source: 'aws', exitCode: ExitCode.Runtime, cause },
    );
  }
}

const NETWORK_ERRORS = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'TimeoutError', 'RequestTimeout']);

/** True for an error the AWS SDK raised (a service answer, or a failure to reach the service). */
function isAwsSdkError(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const e = err as { $metadata?: unknown; $fault?: unknown; name?: unknown; code?: unknown; cause?: unknown };
  return e.$metadata !== undefined || e.$fault !== undefined || isCredentialsError(err);
}

function networkCode(err: unknown): string | undefined {
  for (let e: unknown = err, depth = 0; typeof e === 'object' && e !== null && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const { code, name } = e as { code?: unknown; name?: unknown };
    if (typeof code === 'string' && NETWORK_ERRORS.has(code)) return code;
    if (typeof name === 'string' && NETWORK_ERRORS.has(name)) return name;
  }
  return undefined;
}

/**
 * The one translation of AWS SDK errors for every command (the CLI's last resort, before "internal error"):
 * missing or expired credentials, an unreachable endpoint, or a service's refusal, each in one line with what
 * to do. Undefined when `err` is not an AWS SDK or network error.
 */
export function translateAwsError(err: unknown): StreamAlertError | undefined {
  if (isCredentialsError(err)) return new AwsCredentialsError(err);
  const network = networkCode(err);
  if (network !== undefined) {
    return new StreamAlertError('AwsUnreachable', `could not reach AWS (${network}: ${errorMessage(err).split('\n')[0]})`, {
      source: 'aws',
      exitCode: ExitCode.Runtime,
      hint: 'check the network, the region (AWS_REGION or account.region) and AWS_ENDPOINT_URL if you set it',
      cause: err,
    });
  }
  if (!isAwsSdkError(err)) return undefined;
  return new StreamAlertError('AwsError', `AWS refused the call: ${describeAwsError(err)}`, {
    source: 'aws',
    exitCode: ExitCode.Runtime,
    hint: 'the AWS error above names the problem; AccessDenied means the credentials lack a permission',
    cause: err,
  });
}
