/**
 * The work of `streamalert app run`: one poll cycle of a configured app, locally, against the real API (or
 * `--endpoint-url`). By default it sends nothing and saves nothing: it prints each log it would send as a
 * JSON line on stdout. With `--send` it behaves as the deployed function: it sends to the cluster's rule
 * processor and saves its state in SSM.
 */
import { appParameterNames, createLambdaSender, createMemoryAppStore, createSsmAppStore, getApp, runApp, type AppRunSummary, type AppState, type AppStore, type PayloadSender } from '../../runtime/apps';
import { appSsmPrefix, ruleProcessorName, PRODUCTION_ALIAS } from '../../runtime/config/names';
import { loadConfig } from '../../runtime/config';
import { UsageError } from '../../runtime/errors';
import type { CommandContext } from '../context';
import { findApp } from './find-app';
import { readJsonObject } from './prompt';
import { getParameters } from './ssm';

/** Options of {@link runAppRun}. */
export interface AppRunOptions {
  readonly configDir: string;
  /** Function name or app_name. */
  readonly name: string;
  /** Send to the rule processor and save state in SSM, as the deployed function does. */
  readonly send: boolean;
  /** Credentials as a JSON object on stdin instead of SSM (runs without AWS; not with --send). */
  readonly fromStdin: boolean;
  /** Replaces the API's scheme and host (a local server). */
  readonly endpointUrl?: string;
  /** How far back to read when there is no saved state. @default the app's first_run_lookback_seconds */
  readonly lookbackSeconds?: number;
  /** Most polls. @default 10 */
  readonly maxPolls?: number;
}

/** What `app run` reads from. */
export interface AppRunDeps {
  readonly input: NodeJS.ReadableStream;
}

async function localStore(region: string, prefix: string, options: AppRunOptions, input: NodeJS.ReadableStream): Promise<AppStore> {
  if (options.fromStdin) return createMemoryAppStore(await readJsonObject(input, 'credentials'));
  const names = appParameterNames(prefix);
  const found = await getParameters(region, [names.auth, names.state]);
  const auth = found.get(names.auth);
  if (auth === undefined) throw new UsageError(`no credentials stored at ${names.auth}`, 'store them with `streamalert app new`, or pass them with --from-stdin');
  const state = found.get(names.state);
  return createMemoryAppStore(JSON.parse(auth) as Record<string, string>, state === undefined ? {} : (JSON.parse(state) as AppState));
}

/** Runs the app once and reports what it gathered. */
export async function runAppRun(ctx: CommandContext, options: AppRunOptions, deps: AppRunDeps): Promise<AppRunSummary> {
  const config = loadConfig(options.configDir);
  const found = findApp(config, options.name);
  const app = getApp(found.settings.type);
  if (options.send && options.fromStdin) throw new UsageError('--send uses the stored credentials and state; it cannot take them from stdin');
  const prefix = appSsmPrefix(config, found.name);
  const store = options.send ? createSsmAppStore({ parameterPrefix: prefix, kmsKeyId: `alias/${config.account.prefix}_streamalert`, region: found.region }) : await localStore(found.region, prefix, options, deps.input);
  const printed: PayloadSender = async (payload) => {
    const parsed = JSON.parse(payload) as { Records: { logs: unknown[] }[] };
    for (const log of parsed.Records[0]?.logs ?? []) ctx.io.data(JSON.stringify(log));
  };
  // The cluster's rule processor and parameters live in the cluster's region, not the shell's.
  const send = options.send ? createLambdaSender(`${ruleProcessorName(config, found.cluster)}:${PRODUCTION_ALIAS}`, found.region) : printed;
  ctx.io.progress(`running ${found.name} (${app.type})${options.send ? '' : ', sending nothing'}`);
  const summary = await runApp({
    app,
    name: found.name,
    store,
    send,
    endpoint: options.endpointUrl,
    firstRunLookbackSeconds: options.lookbackSeconds ?? found.settings.first_run_lookback_seconds,
    maxPolls: options.maxPolls ?? 10,
  });
  ctx.io.info(
    `${found.name}: ${summary.polls} poll(s), ${summary.logs_gathered} log(s) gathered, ${summary.logs_sent} ${options.send ? 'sent' : 'printed'}` +
      `${summary.too_large > 0 ? `, ${summary.too_large} too large to send` : ''}${summary.more ? ' (the API has more: run again)' : ''}`,
  );
  ctx.io.result(summary);
  return summary;
}
