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
 * The container's DynamoDB client for `region` (created on first call). The alerts table lives in the account
 * region, which may differ from the function's (a cluster in another region). @default AWS_REGION
 */
export function dynamoClient(region?: string): Promise<DynamoHandle> {
  const key = region ?? '';
  let found = shared.get(key);
  if (found === undefined) {
    // maxAttempts: the SDK's own retries stay short; the store adds its own backoff for unprocessed items.
    found = import('../lookup-tables/dynamodb-sdk.lazy').then((sdk) => ({ sdk, client: new sdk.DynamoDBClient({ maxAttempts: 3, ...(region ? { region } : {}) }) }));
    shared.set(key, found);
  }
  return found;
}

/** Forgets the shared clients (tests that change endpoints). */
export function resetDynamoClient(): void {
  shared.clear();
}
