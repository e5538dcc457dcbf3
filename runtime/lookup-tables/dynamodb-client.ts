/** One DynamoDB client per container, created on first use from the lazy SDK module. */
type DynamoSdk = typeof import('./dynamodb-sdk.lazy');

/** The SDK module and the shared client. */
export interface DynamoDb {
  readonly sdk: DynamoSdk;
  readonly client: InstanceType<DynamoSdk['DynamoDBClient']>;
}

const shared = new Map<string, Promise<DynamoDb>>();

/**
 * The shared client of `region` (endpoint from the environment: `AWS_ENDPOINT_URL` in tests). Pass the region
 * of the table: a function in another region (a cluster outside the account region) must not use its own.
 * Without one, the environment's region.
 */
export function dynamoDb(region?: string): Promise<DynamoDb> {
  const key = region ?? '';
  let client = shared.get(key);
  if (client === undefined) {
    client = import('./dynamodb-sdk.lazy').then((sdk) => ({ sdk, client: new sdk.DynamoDBClient({ maxAttempts: 3, ...(region ? { region } : {}) }) }));
    shared.set(key, client);
  }
  return client;
}

/** Forgets the shared clients (tests that change the endpoint). */
export function resetDynamoDb(): void {
  shared.clear();
}
