/** Scheduled queries: Athena query packs whose results reach the rules as streamquery records. */
export * from './types';
export { renderQuery, parameterValue, type RenderedQuery } from './params';
export { runPack, resultRecords, type PackSummary, type RunPackOptions } from './runner';
export { createAthenaQueries, type AthenaQueries, type QueryStatus } from './athena';
export { createKinesisSender, KINESIS_RECORD_MAX_BYTES, streamRegion } from './kinesis';
