/**
 * Lookup tables in Lambda (StreamAlert v3's LookupTables): tables declared in `conf/lookup_tables.json`,
 * backed by an S3 object or a DynamoDB table, cached per container and refreshed on schedule. Rules read
 * them with `lookupTable(table, key, default)` from runtime/rules.
 */
export { createLookupTableStore, driversFor, RETRY_AFTER_FAILURE_MS, type LookupTableStoreOptions } from './store';
export { s3TableDriver, parseTableObject } from './s3-driver';
export { dynamoDbTableDriver, itemKey } from './dynamodb-driver';
export { dynamoDb, resetDynamoDb, type DynamoDb } from './dynamodb-client';
export { LookupTableFormatError } from './errors';
export type { LookupTableDriver, LookupTableStore, TableValues } from './types';
