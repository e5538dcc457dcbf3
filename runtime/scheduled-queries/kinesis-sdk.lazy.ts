/** The Kinesis PutRecords call of scheduled queries, behind a lazy module (loaded on first use). */
export { KinesisClient, PutRecordsCommand } from '@aws-sdk/client-kinesis';
