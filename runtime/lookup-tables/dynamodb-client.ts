/** One DynamoDB client per container, created on first use from the lazy SDK module. */
type DynamoSdk = typeof import('./dynamodb-sdk.lazy');

/** The SDK module and the shared client. */
export interface DynamoDb {
  readonly sdk: DynamoSdk;
  readonly client: InstanceType<DynamoSdk['DynamoDBClient']>;
}

let shared: Promise<DynamoDb> | undefined;

/** The shared client (endpoint and region from the environment: `AWS_ENDPOINT_URL` in tests). */
export function dynamoDb(): Promise<DynamoDb> {
  shared ??= import('./dynamodb-sdk.lazy').then((sdk) => ({ sdk, client: new sdk.DynamoDBClient({ maxAttempts: 3 }) }));
  return shared;
}

/** Forgets the shared client (tests that change the endpoint). */
export function resetDynamoDb(): void {
  shared = undefined;
}
