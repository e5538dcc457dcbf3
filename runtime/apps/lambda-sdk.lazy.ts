/** The Lambda Invoke call of the apps, behind a lazy module so that the SDK loads on first use. */
export { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
