/** Alerts: the table (store, item layout), the rule processor's sinks, and large records / dead letters in S3. */
export * from './types';
export { createAlertStore, type AlertStore, type AlertStoreOptions, type AlertPage, type PutAlertsResult, type DueKey } from './store';
export type { MarkSentResult, ProcessingClaim } from './store-updates';
export { tombstoneSecondsOf } from './tombstone';
export { createTableAlertSink, createCapturingAlertSink, defaultAlertSink, alertStoreFromEnv, type TableAlertSink, type CapturingAlertSink, type AlertSinkStats } from './sink';
export { s3AlertObjects, recordKeyOf, deadLetterKeyOf, type AlertObjects } from './records';
export { encodeAlert, decodeAlert, itemBytes, INLINE_ITEM_BYTES, MAX_ITEM_BYTES, type Item } from './item';
export { AlertStoreError, InvalidAlertItemError, RecordReadError } from './errors';
export { DEFAULT_RETRY, type RetryPolicy } from './retry';
export { resetDynamoClient } from './client';
