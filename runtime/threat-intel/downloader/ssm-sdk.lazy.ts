/** The SSM client the downloader reads its ThreatStream credentials with, behind a lazy module. */
export { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
