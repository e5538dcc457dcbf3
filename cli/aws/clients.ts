/**
 * The one place AWS SDK clients are built: region, custom endpoint (with path-style S3), and the
 * SDK's Node-version warning turned off. Credentials come from the SDK's standard provider chain.
 */
import { LambdaClient } from '@aws-sdk/client-lambda';
import { S3Client } from '@aws-sdk/client-s3';

/** The clients `lambda deploy` and `lambda rollback` use, for one region. */
export interface AwsClients {
  readonly region: string;
  readonly lambda: LambdaClient;
  readonly s3: S3Client;
}

/** Builds the clients of one region; tests pass their own factory instead. */
export type AwsClientFactory = (region: string) => AwsClients;

/**
 * The SDK warns on every run under Node < 22 that future versions will need Node 22. The CLI
 * supports Node 20 (engines: >=20.19) and the functions run on nodejs22.x, so the warning is noise.
 * The SDK documents this variable to turn it off (aws/aws-sdk-js-v3#7983); a user's own value wins.
 */
export function suppressNodeVersionWarning(env: NodeJS.ProcessEnv = process.env): void {
  env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
}

/** The custom endpoint of a service, from `AWS_ENDPOINT_URL_<SERVICE>` or `AWS_ENDPOINT_URL`. */
export function customEndpoint(service: 'S3' | 'LAMBDA' | 'SSM' | 'DYNAMODB' | 'ATHENA', env: NodeJS.ProcessEnv = process.env): string | undefined {
  const value = env[`AWS_ENDPOINT_URL_${service}`] || env.AWS_ENDPOINT_URL;
  return value ? value : undefined;
}

/** Builds the S3 client of `region` (custom endpoint with path-style addressing, warning off). */
export function createS3Client(region: string, env: NodeJS.ProcessEnv = process.env): S3Client {
  // The SDK reads process.env itself, whatever `env` the endpoints come from.
  suppressNodeVersionWarning(process.env);
  const endpoint = customEndpoint('S3', env);
  // A custom endpoint is usually an IP or localhost: virtual-hosted addressing would put the bucket
  // name (which may contain dots) into the host name and give an invalid URL. Path-style avoids that.
  return new S3Client({ region, ...(endpoint ? { endpoint, forcePathStyle: true } : {}) });
}

/** Builds the S3 and Lambda clients of `region`. */
export function createAwsClients(region: string, env: NodeJS.ProcessEnv = process.env): AwsClients {
  suppressNodeVersionWarning(process.env);
  const lambdaEndpoint = customEndpoint('LAMBDA', env);
  return {
    region,
    lambda: new LambdaClient({ region, ...(lambdaEndpoint ? { endpoint: lambdaEndpoint } : {}) }),
    s3: createS3Client(region, env),
  };
}

/** A factory that builds each region's clients once. */
export function cachedClientFactory(create: AwsClientFactory = createAwsClients): AwsClientFactory {
  const byRegion = new Map<string, AwsClients>();
  return (region) => {
    let clients = byRegion.get(region);
    if (!clients) {
      clients = create(region);
      byRegion.set(region, clients);
    }
    return clients;
  };
}
