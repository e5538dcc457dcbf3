/**
 * The AWS calls of an app run (SSM state and credentials, Lambda Invoke of the rule processor), behind one lazy
 * module: every run makes both, so one chunk holds one copy of the SDK core and is parsed once.
 */
export { GetParametersCommand, PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
export { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
