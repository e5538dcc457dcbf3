/** The parts of the AWS SDK the alert merger uses to invoke the processor, behind a lazy module. */
export { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
