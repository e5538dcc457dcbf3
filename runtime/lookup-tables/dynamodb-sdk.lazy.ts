/**
 * The parts of the AWS SDK that lookup tables, threat intel and its downloader use for DynamoDB, behind a
 * lazy module: its own file in the Lambda zip, loaded on the first DynamoDB call, not at cold start.
 */
export { BatchGetItemCommand, BatchWriteItemCommand, DynamoDBClient, PutItemCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
export { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
