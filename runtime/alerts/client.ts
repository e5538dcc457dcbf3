/**
 * The shared DynamoDB client of a container: the SDK module and the client are loaded on first use from a
 * lazy module (its own file in the Lambda zip). The SDK honours `AWS_ENDPOINT_URL` / `AWS_ENDPOINT_URL_DYNAMODB`,
 * which the dynalite tests use.
 */
type DynamoSdk = typeof import('../lookup-tables/dynamodb-sdk.lazy');

/** The lazily loaded SDK module and its client. */
export interface DynamoHandle {
  readonly sdk: DynamoSdk;
  readonly client: InstanceType<DynamoSdk['DynamoDBClient']>;
}

const shared = new Map<string, Promise<DynamoHandle>>();

/**
 * Longest one alerts-table request may take (connection included) before the SDK abandons it and retries: a
 * stalled connection must not hold a processor or merger until its Lambda timeout.
 */
export const ALERTS_TABLE_REQUEST_TIMEOUT_MS = 5000;
/** Longest a connection to DynamoDB may take to open. */
export const ALERTS_TABLE_CONNECT_TIMEOUT_MS = 2000;

/**
 * The container's DynamoDB client for `region` (created on first call). The alerts table lives in the account
 * region, which may differ from the function's (a cluster in another region). @default AWS_REGION
 */
export function dynamoClient(region?: string, timeouts: { readonly requestMs?: number; readonly connectMs?: number } = {}): Promise<DynamoHandle> {
  const requestTimeout = timeouts.requestMs ?? ALERTS_TABLE_REQUEST_TIMEOUT_MS;
  const connectionTimeout = timeouts.connectMs ?? ALERTS_TABLE_CONNECT_TIMEOUT_MS;
  const key = `${region ?? ''}/${requestTimeout}/${connectionTimeout}`;
  let found = shared.get(key);
  if (found === undefined) {
    // maxAttempts: the SDK's own retries stay short; the store adds its own backoff for unprocessed items.
    // throwOnRequestTimeout: without it the SDK's HTTP handler only logs a warning when the timeout passes.
    found = import('../lookup-tables/dynamodb-sdk.lazy').then((sdk) => ({
      sdk,
      client: new sdk.DynamoDBClient({ maxAttempts: 3, requestHandler: { requestTimeout, connectionTimeout, throwOnRequestTimeout: true }, ...(region ? { region } : {}) }),
    }));
    shared.set(key, found);
  }
  return found;
}

/** Forgets the shared clients (tests that change endpoints). */
export function resetDynamoClient(): void {
  shared.clear();
}
