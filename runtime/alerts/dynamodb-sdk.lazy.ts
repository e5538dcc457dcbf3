/**
 * The parts of the AWS SDK the alerts table uses, behind a lazy module: the bundler puts this file (and the
 * SDK code it pulls in) in a file of its own, loaded on the first table call, not at cold start.
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
