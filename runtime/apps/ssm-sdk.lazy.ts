/** The SSM calls of the apps, behind a lazy module so that the SDK loads on first use, not at cold start. */
export { GetParametersCommand, PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
