/**
 * The shared DynamoDB client of a container: the SDK module and the client are loaded on first use from a
 * lazy module (its own file in the Lambda zip). The SDK honours `AWS_ENDPOINT_URL` / `AWS_ENDPOINT_URL_DYNAMODB`,
 * which the dynalite tests use.
 */
type DynamoSdk = typeof import('./dynamodb-sdk.lazy');

/** The lazily loaded SDK module and its client. */
export interface DynamoHandle {
  readonly sdk: DynamoSdk;
  readonly client: InstanceType<DynamoSdk['DynamoDBClient']>;
}

let shared: Promise<DynamoHandle> | undefined;

/** The container's DynamoDB client (created on first call). */
export function dynamoClient(): Promise<DynamoHandle> {
  // maxAttempts: the SDK's own retries stay short; the store adds its own backoff for unprocessed items.
  shared ??= import('./dynamodb-sdk.lazy').then((sdk) => ({ sdk, client: new sdk.DynamoDBClient({ maxAttempts: 3 }) }));
  return shared;
}

/** Forgets the shared client (tests that change endpoints). */
export function resetDynamoClient(): void {
  shared = undefined;
}
