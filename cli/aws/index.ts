/** AWS client construction and error descriptions shared by the commands that talk to AWS. */
export { createAwsClients, createS3Client, cachedClientFactory, customEndpoint, suppressNodeVersionWarning, type AwsClients, type AwsClientFactory } from './clients';
export { AwsCredentialsError, awsErrorName, describeAwsError, isCredentialsError } from './errors';
