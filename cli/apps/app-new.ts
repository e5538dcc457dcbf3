/**
 * The work of `streamalert app new`: add an app to a cluster's `modules.streamalert_apps` and its
 * `streamalert_app` data source, and store its credentials in SSM (SecureString, the project's KMS key).
 * The edited configuration is validated before anything is written; credentials never touch argv or conf/.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { appParameterNames, getApp, type AppDefinition } from '../../runtime/apps';
import { ConfigError, UsageError, type ConfigProblem } from '../../runtime/errors';
import { appSsmPrefix } from '../../runtime/config/names';
import { displayPath, loadConfig, type Config } from '../../runtime/config';
import type { CommandContext } from '../context';
import { checkTerraformConfig } from '../terraform/check-config';
import { promptProperties, readJsonObject, type PromptStreams } from './prompt';
import { putSecureParameter, type ParameterWriter } from './ssm';

/** Options of {@link runAppNew}. */
export interface AppNewOptions {
  readonly configDir: string;
  readonly type: string;
  readonly cluster: string;
  /** Short name; the function is `<prefix>_<cluster>_<name>_app`. */
  readonly name: string;
  /** EventBridge rate expression. */
  readonly interval: string;
  readonly memory?: number;
  readonly timeout?: number;
  /** Read credentials as a JSON object from stdin instead of prompting. */
  readonly fromStdin: boolean;
  /** Replace credentials already stored for this app. */
  readonly overwrite: boolean;
}

/** What `app new` talks to; tests replace them. */
export interface AppNewDeps {
  readonly streams: PromptStreams;
  readonly writeParameter?: ParameterWriter;
}

/** Function name of an app: `<prefix>_<cluster>_<name>_app` (StreamAlert's shape, without the type). */
export function appFunctionName(config: Pick<Config, 'account'>, cluster: string, name: string): string {
  return `${config.account.prefix}_${cluster}_${name}_app`;
}

/** Checks every credential against its property's pattern, naming the property, never quoting the value. */
export function validateCredentials(app: AppDefinition, values: Readonly<Record<string, string>>): void {
  const problems: string[] = [];
  for (const property of app.auth) {
    const value = values[property.name];
    if (value === undefined || value === '') problems.push(`"${property.name}" is missing (${property.description})`);
    else if (property.pattern && !property.pattern.test(value)) problems.push(`"${property.name}" does not look like ${property.description}`);
  }
  const unknown = Object.keys(values).filter((k) => !app.auth.some((p) => p.name === k));
  if (unknown.length > 0) problems.push(`unknown properties for ${app.type}: ${unknown.join(', ')}`);
  if (problems.length > 0) throw new UsageError(`credentials for ${app.type}: ${problems.join('; ')}`, 'nothing was written');
}

/** The variables.json text with the app added. */
function editedVariables(text: string, cluster: string, functionName: string, app: AppDefinition, options: AppNewOptions): string {
  const variables = JSON.parse(text);
  const target = variables.clusters?.[cluster];
  target.data_sources ??= {};
  target.data_sources.streamalert_app ??= {};
  target.data_sources.streamalert_app[functionName] = [app.service];
  target.modules ??= {};
  target.modules.streamalert_apps ??= {};
  target.modules.streamalert_apps[functionName] = {
    app_name: options.name,
    type: app.type,
    schedule_expression: options.interval,
    ...(options.memory === undefined ? {} : { memory: options.memory }),
    ...(options.timeout === undefined ? {} : { timeout: options.timeout }),
  };
  return `${JSON.stringify(variables, null, 2)}\n`;
}

/**
 * Validates the configuration as it would be, in a scratch copy (loading and the Terraform checks); problems
 * name the user's own files, with a hint when the app's service has no schema yet.
 */
function validateEdited(configDir: string, variables: string, service: string): void {
  const scratch = mkdtempSync(join(tmpdir(), 'streamalert-app-new-'));
  const own = (problem: ConfigProblem): ConfigProblem => {
    const file = problem.file.startsWith(scratch) ? displayPath(join(configDir, problem.file.slice(scratch.length + 1))) : problem.file;
    const noSchema = problem.value === service && /names no log type/.test(problem.message);
    return noSchema ? { ...problem, file, hint: `the app sends "${service}" records: add a schema for them first (conf/schemas/${service}.json, or \`streamalert schema infer\` on samples)` } : { ...problem, file };
  };
  try {
    cpSync(configDir, scratch, { recursive: true });
    writeFileSync(join(scratch, 'variables.json'), variables);
    let problems: readonly ConfigProblem[];
    try {
      problems = checkTerraformConfig(loadConfig(scratch)).problems;
    } catch (err) {
      if (!(err instanceof ConfigError)) throw err;
      problems = err.problems;
    }
    if (problems.length > 0) throw new ConfigError(problems.map(own));
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** Adds the app; returns its function name. */
export async function runAppNew(ctx: CommandContext, options: AppNewOptions, deps: AppNewDeps): Promise<string> {
  const config = loadConfig(options.configDir);
  const app = getApp(options.type);
  const cluster = config.clusters[options.cluster];
  if (cluster === undefined) throw new UsageError(`unknown cluster "${options.cluster}"`, `clusters: ${Object.keys(config.clusters).join(', ')}`);
  if (!/^[a-z0-9_-]{1,32}$/.test(options.name)) throw new UsageError(`app name "${options.name}" must be 1-32 lowercase letters, digits, _ or -`);
  const functionName = appFunctionName(config, options.cluster, options.name);
  if (functionName.length > 64) throw new UsageError(`function name "${functionName}" is longer than Lambda's 64 characters`, 'choose a shorter --name');
  if (cluster.modules.streamalert_apps?.[functionName] && !options.overwrite) {
    throw new UsageError(`app "${functionName}" already exists in cluster ${options.cluster}`, 'pass --overwrite to replace its settings and credentials');
  }
  const variablesPath = join(options.configDir, 'variables.json');
  const variables = editedVariables(readFileSync(variablesPath, 'utf8'), options.cluster, functionName, app, options);
  validateEdited(options.configDir, variables, app.service);

  const parameter = await storeCredentials(ctx, { app, functionName, region: cluster.region, config, fromStdin: options.fromStdin, overwrite: options.overwrite }, deps);
  writeFileSync(variablesPath, variables);
  ctx.io.info(`added app ${functionName} (${app.type}, ${options.interval}) to cluster ${options.cluster}; credentials in ${parameter}`);
  ctx.io.info('next: `streamalert terraform apply` then `streamalert lambda deploy --function apps`');
  ctx.io.result({ ok: true, function: functionName, type: app.type, cluster: options.cluster, parameter });
  return functionName;
}

/** What {@link storeCredentials} needs. */
export interface StoreCredentialsOptions {
  readonly app: AppDefinition;
  readonly functionName: string;
  readonly region: string;
  readonly config: Pick<Config, 'account'>;
  readonly fromStdin: boolean;
  readonly overwrite: boolean;
}

/** Reads an app's credentials (prompt or stdin), checks them and writes its SSM auth parameter; returns its name. */
export async function storeCredentials(ctx: CommandContext, options: StoreCredentialsOptions, deps: AppNewDeps): Promise<string> {
  const { app, functionName } = options;
  ctx.io.info(`credentials for ${app.type} (stored in SSM, never printed):`);
  const values = options.fromStdin ? await readJsonObject(deps.streams.input, 'credentials') : await promptProperties(app.auth, deps.streams);
  validateCredentials(app, values);
  const parameter = appParameterNames(appSsmPrefix(options.config, functionName)).auth;
  await (deps.writeParameter ?? putSecureParameter)({
    region: options.region,
    name: parameter,
    value: JSON.stringify(values),
    keyId: `alias/${options.config.account.prefix}_streamalert`,
    overwrite: options.overwrite,
    description: `StreamAlert app ${functionName} credentials`,
  });
  return parameter;
}
