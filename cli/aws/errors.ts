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
