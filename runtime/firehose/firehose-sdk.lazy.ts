/**
 * The parts of the AWS SDK the Firehose sender uses, behind a lazy module: the bundler puts this file (and
 * the SDK code it pulls in) in a file of its own, loaded on the first PutRecordBatch, not at cold start.
 */
export { FirehoseClient, PutRecordBatchCommand } from '@aws-sdk/client-firehose';
