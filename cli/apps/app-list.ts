/** The work of `streamalert app list`: the configured apps (never credentials). */
import { appTypes, getApp } from '../../runtime/apps';
import { loadConfig } from '../../runtime/config';
import type { CommandContext } from '../context';
import { configuredApps } from './find-app';

/** Lists the configured apps, then the app types one can add. */
export function runAppList(ctx: CommandContext, options: { readonly configDir: string }): void {
  const apps = configuredApps(loadConfig(options.configDir));
  for (const a of apps) ctx.io.data(`${a.cluster}\t${a.name}\t${a.settings.type}\t${a.settings.schedule_expression}`);
  if (apps.length === 0) ctx.io.info('no apps configured: add one with `streamalert app new <type> --cluster <c> --name <n> --interval "rate(10 minutes)"`');
  ctx.io.info(`app types: ${appTypes().join(', ')}`);
  ctx.io.result({
    apps: apps.map((a) => ({ cluster: a.cluster, function: a.name, app_name: a.settings.app_name, type: a.settings.type, schedule: a.settings.schedule_expression })),
    types: appTypes().map((type) => ({ type, service: getApp(type).service, credentials: getApp(type).auth.map((p) => p.name) })),
  });
}
