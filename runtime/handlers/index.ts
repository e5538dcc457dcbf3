/** Lambda handlers and the batch work they share with `streamalert process`. */
export { createRuleProcessor, type RuleProcessor } from './rule-processor';
export { createBatch, MAX_KEPT, type Batch, type BatchOptions, type Candidates } from './batch';
export type { BatchCounts, BatchResult, RecordEvaluator, RuleProcessorOptions } from './types';
