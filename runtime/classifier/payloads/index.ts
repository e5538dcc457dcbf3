/**
 * Payload readers: one Lambda event (Kinesis, S3, SNS, SQS, StreamAlert app, CloudWatch Logs) or one local
 * object in, raw records out, as an async iterable. Problems are reported, never thrown.
 */
export { readEvent, readEventBatches, readContext } from './event';
export { readObject, type ObjectRef } from './object-reader';
export { decodeS3Key, type S3ObjectRef } from './s3';
export { getS3Object } from './s3-getter';
export { detectCompression, type Compression } from './bytes';
export {
  DEFAULT_READ_LIMITS,
  type EventItem,
  type ObjectGetter,
  type PayloadReaderOptions,
  type ReadContext,
  type ReadIssue,
  type ReadIssueCode,
  type ReadLimits,
} from './types';
