/** The parts of the AWS SDK the aws-sqs output uses, behind a lazy module (loaded on the first send). */
export { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
