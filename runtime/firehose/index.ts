/** Forwarding classified records to their Firehose delivery streams (historical search). */
export { createFirehoseSink, type FirehoseDelivery, type FirehoseSink, type FirehoseSinkOptions } from './sink';
export { createFirehoseSender, defaultFirehoseSender, resetFirehoseClients } from './sender';
export { encodeRecord, NORMALIZATION_KEY } from './record-line';
export { FIREHOSE_LIMITS, type BatchLimits } from './limits';
export type { FailedEntry, FirehoseCounts, FirehoseSender, RefusedRecord, RetryPolicy } from './types';
