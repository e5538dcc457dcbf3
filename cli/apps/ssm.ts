/** The SSM calls of the app commands (the only AWS they make besides `app run --send`). */
import { GetParametersCommand, PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { StreamAlertError } from '../../runtime/errors';
import { customEndpoint, suppressNodeVersionWarning } from '../aws/clients';

/** A SecureString to write. */
export interface SecureParameter {
  readonly region: string;
  readonly name: string;
  readonly value: string;
  /** KMS key id, ARN or alias. */
  readonly keyId: string;
  readonly overwrite: boolean;
  readonly description: string;
}

/** Writes one SecureString parameter. */
export type ParameterWriter = (parameter: SecureParameter) => Promise<void>;

function ssmClient(region: string): SSMClient {
  suppressNodeVersionWarning(process.env);
  const endpoint = customEndpoint('SSM');
  return new SSMClient({ region, ...(endpoint ? { endpoint } : {}) });
}

/** PutParameter as a SecureString with the project's key; an existing parameter is kept unless `overwrite`. */
export const putSecureParameter: ParameterWriter = async (p) => {
  try {
    await ssmClient(p.region).send(
      new PutParameterCommand({ Name: p.name, Value: p.value, Type: 'SecureString', KeyId: p.keyId, Overwrite: p.overwrite, Description: p.description }),
    );
  } catch (err) {
    const name = err instanceof Error ? err.name : '';
    if (name === 'ParameterAlreadyExists') {
      throw new StreamAlertError('ParameterExists', `SSM parameter ${p.name} already exists`, { hint: 'pass --overwrite to replace it' });
    }
    throw new StreamAlertError('SsmWriteFailed', `writing SSM parameter ${p.name} failed: ${err instanceof Error ? err.message : String(err)}`, { source: 'aws', cause: err });
  }
};

/** Reads parameters (decrypted) by name; absent ones are missing from the map. */
export async function getParameters(region: string, names: readonly string[]): Promise<Map<string, string>> {
  try {
    const out = await ssmClient(region).send(new GetParametersCommand({ Names: [...names], WithDecryption: true }));
    return new Map((out.Parameters ?? []).map((p) => [p.Name ?? '', p.Value ?? '']));
  } catch (err) {
    throw new StreamAlertError('SsmReadFailed', `reading SSM parameters failed: ${err instanceof Error ? err.message : String(err)}`, { source: 'aws', cause: err });
  }
}
