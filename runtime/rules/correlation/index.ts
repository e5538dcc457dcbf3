/** Correlation rules (Sigma correlations and the `threshold` option): specs, decisions, state stores. */
export type * from './types';
export { decide, type Decision } from './decide';
export { createCorrelator, MAX_ALERT_EVENTS, MAX_KEPT_RECORD_BYTES, type CorrelationRule, type Correlator, type CorrelatorOptions, type CorrelatorStats } from './correlator';
export { createMemoryCorrelationStore, type MemoryCorrelationStore } from './memory-store';
export { createDynamoCorrelationStore, type DynamoCorrelationStoreOptions } from './dynamo-store';
export { epochMillis, eventTime, KNOWN_TIME_FIELDS, spanMillis } from './time';
export { correlationRules, thresholdSpec } from './rules';
