/**
 * Threat intel (StreamAlert v3): indicators of compromise in a DynamoDB table, matched against the
 * normalized values of each record in the rule processor, and a downloader function that fills the table.
 */
export { IOC_KEY, type Ioc, type IocSource, type RecordIocs } from './types';
export { createThreatIntel, attachIoc, type ThreatIntelMatcher, type ThreatIntelOptions, type ThreatIntelOutcome } from './enrich';
export { dynamoDbIocSource, isExpired, chunks, BATCH_GET_MAX_KEYS, type DynamoDbIocSourceOptions } from './dynamodb-source';
export { memoryIocSource } from './memory-source';
export { cachedIocSource, type IocCacheOptions } from './cache';
export { exclusionOf, extractCandidates, iocTypeMap, memoizedExclusion } from './extract';
export { IocTableError, ThreatFeedError } from './errors';
