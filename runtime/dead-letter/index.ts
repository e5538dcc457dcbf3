/**
 * The dead-letter store: the rule processor keeps every unclassified record (whole) and every failed read of
 * an invocation in one gzip JSON-lines S3 object, which `streamalert process --dead-letter` replays.
 */
export { createDeadLetterCollector, failedReadEntry, unclassifiedEntry, MAX_DEAD_LETTER_BYTES, type DeadLetterCollector } from './collector';
export { deadLetterKey, DeadLetterWriteError, flushDeadLetters, type DeadLetterReport, type FlushOptions } from './store';
export { deadLetterWriterFromEnv, resetDeadLetterClient, s3DeadLetterWriter } from './s3-writer';
export type { DeadLetterEntry, DeadLetterWriter } from './types';
