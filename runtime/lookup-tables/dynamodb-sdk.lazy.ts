/**
 * The parts of the AWS SDK that lookup tables, threat intel and its downloader, and the alerts table use for
 * DynamoDB, behind a lazy module: its own file in the Lambda zip (one copy of the SDK for all of them), loaded
 * on the first DynamoDB call, not at cold start.
 */
export {
  BatchGetItemCommand,
  BatchWriteItemCommand,
  DeleteItemCommand,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  ScanCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
export { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
