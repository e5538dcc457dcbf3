/** Rule staging and promotion: the rules table, the rule processor's staging sink, the promotion run. */
export * from './types';
export * from './errors';
export { createRulesTable, RULES_HASH_KEY, type RulesTable, type RulesTableOptions } from './table';
export { createStagingAlertSink, stagedAlert, type StagingSinkOptions } from './sink';
export { runPromotion, digestMessage, type PromotionOptions } from './promotion';
export { withStaging } from './env';
