/** Lambda handlers and the batch work they share with `streamalert process`. */
export { createRuleProcessor, type RuleProcessor } from './rule-processor';
export { createBatch, MAX_KEPT, type Batch, type BatchOptions, type BatchReport, type Candidates } from './batch';
export type { BatchCounts, BatchItemFailure, BatchResult, RecordEvaluator, RuleProcessorOptions } from './types';
