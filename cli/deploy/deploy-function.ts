/** Deploys one packaged function: upload, update, wait, publish, move the alias (last, and guarded). */
import { awsErrorName, describeAwsError, isCredentialsError, type AwsClients } from '../aws';
import type { FunctionPackage } from '../package';
import { step, StepError } from './errors';
import {
  codeShaOf,
  moveAlias,
  publishVersion,
  readAlias,
  updateCode,
  uploadIfMissing,
  waitForUpdate,
  type AliasState,
  type WaitOptions,
} from './lambda-steps';
import type { DeployOutcome, DeployStep, StepReporter } from './types';

/** Options of {@link deployFunction}. */
export interface DeployFunctionOptions {
  readonly clients: AwsClients;
  readonly pkg: FunctionPackage;
  readonly bucket: string;
  readonly report?: StepReporter;
  readonly wait?: WaitOptions;
}

/** Reads the alias; a missing function or alias gets a hint, since Terraform creates both. */
async function readAliasOrExplain(clients: AwsClients, name: string): Promise<AliasState> {
  try {
    return await readAlias(clients.lambda, name);
  } catch (err) {
    if (awsErrorName(err) !== 'ResourceNotFoundException') throw err;
    throw new StepError(name, 'read', `${describeAwsError(err)} (the function and its production alias are created by \`streamalert terraform apply\`)`, err);
  }
}

/** The S3 key of a package: `<function>/<sha256>.zip`. */
export function packageKey(pkg: FunctionPackage): string {
  return `${pkg.target.name}/${pkg.sha256}.zip`;
}

/**
 * Deploys one function. Whatever step fails, the alias has not moved: it is the last call, and
 * `UpdateAlias` is guarded by the `RevisionId` read first. Never throws for an AWS error of this
 * function (the outcome carries it), only for missing or invalid credentials.
 */
export async function deployFunction(options: DeployFunctionOptions): Promise<DeployOutcome> {
  const { clients, pkg, bucket } = options;
  const name = pkg.target.name;
  const key = packageKey(pkg);
  const report = options.report ?? (() => undefined);
  const base = { function: name, cluster: pkg.target.cluster, region: pkg.target.region, sha256: pkg.sha256, bucket, key };
  const run = <T>(stepName: DeployStep, work: () => Promise<T>): Promise<T> => step(name, stepName, work, isCredentialsError);
  let oldVersion: string | undefined;
  let uploaded: boolean | undefined;
  try {
    report(name, 'read', 'production alias');
    const alias = await run('read', () => readAliasOrExplain(clients, name));
    oldVersion = alias.version;
    if (alias.version !== '$LATEST' && (await run('read', () => codeShaOf(clients.lambda, name, alias.version))) === pkg.codeSha256) {
      report(name, 'unchanged', `version ${alias.version} already runs this code; nothing published`);
      return { ...base, status: 'unchanged', oldVersion, newVersion: oldVersion };
    }
    report(name, 'upload', `s3://${bucket}/${key}`);
    uploaded = await run('upload', () => uploadIfMissing(clients.s3, bucket, key, pkg));
    if (!uploaded) report(name, 'upload', 'already in the bucket, skipped');
    report(name, 'update', 'UpdateFunctionCode');
    await run('update', () => updateCode(clients.lambda, name, bucket, key));
    report(name, 'wait', 'until LastUpdateStatus is Successful');
    await run('wait', () => waitForUpdate(clients.lambda, name, options.wait));
    report(name, 'publish', 'PublishVersion');
    const version = await run('publish', () => publishVersion(clients.lambda, name, pkg));
    report(name, 'alias', `production: ${alias.version} -> ${version}`);
    await run('alias', () => moveAlias(clients.lambda, name, version, alias));
    return { ...base, status: 'deployed', oldVersion, newVersion: version, uploaded };
  } catch (err) {
    if (!(err instanceof StepError)) throw err;
    return { ...base, status: 'failed', oldVersion, uploaded, error: { step: err.step as DeployStep, message: err.detail } };
  }
}
