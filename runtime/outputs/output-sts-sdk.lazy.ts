/** The STS client of aws-lambda-v2 (cross-account AssumeRole), behind a lazy module. */
export { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
