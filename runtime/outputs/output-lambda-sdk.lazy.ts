/** The Lambda client of the aws-lambda outputs, behind a lazy module (loaded on first use, not at cold start). */
export { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
