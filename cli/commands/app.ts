/** `streamalert app new|list|run`: StreamAlert apps that pull SaaS audit logs on a schedule. */
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { appTypes } from '../../runtime/apps';
import { action } from '../context';
import { positiveInt } from './parse-options';

interface AppNewFlags {
  readonly cluster: string;
  readonly name: string;
  readonly interval: string;
  readonly memory?: number;
  readonly timeout?: number;
  readonly fromStdin?: boolean;
  readonly overwrite?: boolean;
}

interface AppRunFlags {
  readonly send?: boolean;
  readonly fromStdin?: boolean;
  readonly endpointUrl?: string;
  readonly lookback?: number;
  readonly maxPolls?: number;
}

// The app work pulls in the Terraform checks (cdktf): loaded only when an app command runs, not at every start.
const loadWork = () => import('../apps');

export function registerAppCommands(program: Command): void {
  const app = program.command('app').description('StreamAlert apps: scheduled functions that pull SaaS audit logs (Duo, OneLogin, Okta, GitHub, Slack, Box, Google Workspace, Intercom, Alibaba ActionTrail) into a cluster');
  app
    .command('new')
    .description(`add an app to a cluster and store its credentials in SSM (read at a prompt with echo off, or as JSON with --from-stdin; never from arguments). Types: ${appTypes().join(', ')}`)
    .argument('<type>', 'app type, e.g. duo_auth')
    .requiredOption('--cluster <name>', 'cluster whose rule processor receives the logs')
    .requiredOption('--name <name>', 'short name; the function is <prefix>_<cluster>_<name>_app')
    .option('--interval <rate>', 'EventBridge schedule', 'rate(10 minutes)')
    .option('--memory <mb>', 'function memory (MB)', positiveInt)
    .option('--timeout <seconds>', 'function timeout (seconds)', positiveInt)
    .option('--from-stdin', 'read the credentials as one JSON object from stdin')
    .option('--overwrite', 'replace an existing app of that name and its stored credentials')
    .action(
      action<AppNewFlags>(async (ctx, flags, args) => {
        const { runAppNew } = await loadWork();
        await runAppNew(
          ctx,
          {
            configDir: resolve(ctx.globals.config),
            type: args[0] ?? '',
            cluster: flags.cluster,
            name: flags.name,
            interval: flags.interval,
            memory: flags.memory,
            timeout: flags.timeout,
            fromStdin: flags.fromStdin === true,
            overwrite: flags.overwrite === true,
          },
          { streams: { input: process.stdin, output: process.stderr } },
        );
      }),
    );

  app
    .command('auth')
    .description("store (or replace) an app's credentials in SSM: imported apps and rotated keys; read at a prompt with echo off, or as JSON with --from-stdin")
    .argument('<name>', 'the app function name or app_name')
    .option('--from-stdin', 'read the credentials as one JSON object from stdin')
    .action(
      action<{ fromStdin?: boolean }>(async (ctx, flags, args) => {
        const { runAppAuth } = await loadWork();
        await runAppAuth(ctx, { configDir: resolve(ctx.globals.config), name: args[0] ?? '', fromStdin: flags.fromStdin === true }, { streams: { input: process.stdin, output: process.stderr } });
      }),
    );

  app
    .command('list')
    .description('list the configured apps (cluster, function, type, schedule) and the app types available; never credentials')
    .action(action(async (ctx) => (await loadWork()).runAppList(ctx, { configDir: resolve(ctx.globals.config) })));

  app
    .command('run')
    .description('run one poll cycle of an app locally against its API and print each log as a JSON line; sends and saves nothing unless --send')
    .argument('<name>', 'the app function name or app_name')
    .option('--send', 'send to the cluster rule processor and save state in SSM, as the deployed function does')
    .option('--from-stdin', 'read credentials as one JSON object from stdin instead of SSM (no AWS call)')
    .option('--endpoint-url <url>', "replace the API's scheme and host (a local test server)")
    .option('--lookback <seconds>', 'how far back to read when there is no saved state', positiveInt)
    .option('--max-polls <n>', 'most API pages to read', positiveInt, 10)
    .action(
      action<AppRunFlags>(async (ctx, flags, args) => {
        const { runAppRun } = await loadWork();
        await runAppRun(
          ctx,
          {
            configDir: resolve(ctx.globals.config),
            name: args[0] ?? '',
            send: flags.send === true,
            fromStdin: flags.fromStdin === true,
            endpointUrl: flags.endpointUrl,
            lookbackSeconds: flags.lookback,
            maxPolls: flags.maxPolls,
          },
          { input: process.stdin },
        );
      }),
    );
}
