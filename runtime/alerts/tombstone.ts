/**
 * How long a delivered alert's tombstone is kept: longer than any source may hand the rule processor the same
 * batch again, so that a retried batch finds the tombstone and does not store (and page) the alert anew.
 */
import type { Config } from '../config/types';

/** SQS keeps a message at most 14 days (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_SetQueueAttributes.html). */
export const SQS_MAX_RETENTION_SECONDS = 14 * 86_400;
/** Lambda retries an asynchronous event (S3, SNS) for at most 6 hours (MaximumEventAgeInSeconds). */
export const ASYNC_MAX_EVENT_AGE_SECONDS = 6 * 3_600;
/** Margin on top of the longest window (clock skew, a batch retried at the very end of it). */
export const TOMBSTONE_MARGIN_SECONDS = 86_400;

/**
 * Seconds a tombstone lives: the longest retry window of every source (each cluster's Kinesis retention, SQS's
 * longest retention: the queues are the user's, so their setting is unknown; the async event age), plus a day.
 */
export function tombstoneSecondsOf(config: Pick<Config, 'clusters'>): number {
  let kinesisHours = 24;
  for (const cluster of Object.values(config.clusters)) {
    const kinesis = cluster.modules.kinesis;
    if (kinesis?.enabled) kinesisHours = Math.max(kinesisHours, kinesis.streams.retention);
  }
  return Math.max(kinesisHours * 3_600, SQS_MAX_RETENTION_SECONDS, ASYNC_MAX_EVENT_AGE_SECONDS) + TOMBSTONE_MARGIN_SECONDS;
}
