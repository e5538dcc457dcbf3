/** The parts of the AWS SDK output secrets use, behind a lazy module (loaded on the first secret read). */
export { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
