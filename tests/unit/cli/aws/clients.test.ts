import { createAwsClients, customEndpoint, describeAwsError, isCredentialsError, suppressNodeVersionWarning } from '../../../../cli/aws';

describe('createAwsClients', () => {
  it('uses path-style S3 addressing with a custom endpoint, so bucket names with dots stay valid', async () => {
    const clients = createAwsClients('eu-west-1', { AWS_ENDPOINT_URL: 'http://127.0.0.1:4566' });
    expect(clients.s3.config.forcePathStyle).toBe(true);
    expect(await clients.s3.config.region()).toBe('eu-west-1');
    const endpoint = await clients.lambda.config.endpoint?.();
    expect(endpoint?.hostname).toBe('127.0.0.1');
  });

  it('keeps virtual-hosted S3 addressing against AWS itself', () => {
    expect(createAwsClients('eu-west-1', {}).s3.config.forcePathStyle).toBeFalsy();
  });
});

describe('customEndpoint', () => {
  it.each([
    [{ AWS_ENDPOINT_URL: 'http://a' }, 'http://a'],
    [{ AWS_ENDPOINT_URL: 'http://a', AWS_ENDPOINT_URL_S3: 'http://s3' }, 'http://s3'],
    [{ AWS_ENDPOINT_URL: '' }, undefined],
    [{}, undefined],
  ])('reads %j as %s for S3', (env, expected) => {
    expect(customEndpoint('S3', env)).toBe(expected);
  });
});

describe('suppressNodeVersionWarning', () => {
  it("sets the SDK's documented switch unless the user set it", () => {
    const env: NodeJS.ProcessEnv = {};
    suppressNodeVersionWarning(env);
    expect(env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED).toBe('true');
    const own: NodeJS.ProcessEnv = { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'false' };
    suppressNodeVersionWarning(own);
    expect(own.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED).toBe('false');
  });
});

describe('AWS error descriptions', () => {
  it.each([
    ['ResourceNotFoundException', 'Function not found', 'ResourceNotFoundException: Function not found', false],
    ['NotFound', 'NotFound', 'NotFound', false],
    ['CredentialsProviderError', 'Could not load credentials from any providers', 'CredentialsProviderError: Could not load credentials from any providers', true],
    ['UnrecognizedClientException', 'The security token included in the request is invalid.', 'UnrecognizedClientException: The security token included in the request is invalid.', true],
  ])('describes a %s with message %j', (name, message, text, credentials) => {
    const err = Object.assign(new Error(message), { name });
    expect(describeAwsError(err)).toBe(text);
    expect(isCredentialsError(err)).toBe(credentials);
  });
});
