/**
 * The SSM calls of `streamalert output`: one SecureString parameter per descriptor, encrypted with the
 * project's KMS key. The client is injectable (tests use aws-sdk-client-mock or a loopback endpoint;
 * the SDK reads `AWS_ENDPOINT_URL_SSM` / `AWS_ENDPOINT_URL` itself).
 */
import { DeleteParameterCommand, PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import type { Config } from '../../runtime/config';
import { outputsSsmPrefix } from '../../runtime/config/names';
import { suppressNodeVersionWarning } from '../aws/clients';

/** The alias of the project's KMS key (cli/terraform/modules/regional-key.ts creates it in each region). */
export function projectKmsAlias(config: Pick<Config, 'account'>): string {
  return `alias/${config.account.prefix}_streamalert`;
}

/** The SSM parameter name of a descriptor. */
export function descriptorParameter(config: Pick<Config, 'account'>, service: string, descriptor: string): string {
  return `${outputsSsmPrefix(config)}/${service}/${descriptor}`;
}

/** An SSM client for the account region. */
export function createSsmClient(region: string): SSMClient {
  suppressNodeVersionWarning(process.env);
  return new SSMClient({ region });
}

/** Writes (or overwrites) the descriptor's properties as one SecureString JSON object. */
export async function putDescriptorParameter(
  ssm: SSMClient,
  config: Pick<Config, 'account'>,
  service: string,
  descriptor: string,
  properties: Readonly<Record<string, string>>,
): Promise<string> {
  const name = descriptorParameter(config, service, descriptor);
  await ssm.send(
    new PutParameterCommand({
      Name: name,
      Type: 'SecureString',
      KeyId: projectKmsAlias(config),
      Value: JSON.stringify(properties),
      Overwrite: true,
      Description: `StreamAlert output ${service}:${descriptor}`,
    }),
  );
  return name;
}

/** Deletes the descriptor's parameter; false when there was none. */
export async function deleteDescriptorParameter(ssm: SSMClient, config: Pick<Config, 'account'>, service: string, descriptor: string): Promise<boolean> {
  try {
    await ssm.send(new DeleteParameterCommand({ Name: descriptorParameter(config, service, descriptor) }));
    return true;
  } catch (err) {
    if ((err as { name?: string }).name === 'ParameterNotFound') return false;
    throw err;
  }
}
