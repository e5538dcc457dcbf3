/** The parts of the AWS SDK the aws-sns output uses, behind a lazy module (loaded on the first publish). */
export { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
