/** The work of `streamalert app auth`: (re)store the credentials of an app already in the configuration. */
import { getApp } from '../../runtime/apps';
import { loadConfig } from '../../runtime/config';
import type { CommandContext } from '../context';
import { storeCredentials, type AppNewDeps } from './app-new';
import { findApp } from './find-app';

/** Options of {@link runAppAuth}. */
export interface AppAuthOptions {
  readonly configDir: string;
  /** Function name or app_name. */
  readonly name: string;
  readonly fromStdin: boolean;
}

/** Replaces the app's stored credentials (imported apps, rotated keys). */
export async function runAppAuth(ctx: CommandContext, options: AppAuthOptions, deps: AppNewDeps): Promise<void> {
  const config = loadConfig(options.configDir);
  const found = findApp(config, options.name);
  const parameter = await storeCredentials(ctx, { app: getApp(found.settings.type), functionName: found.name, region: found.region, config, fromStdin: options.fromStdin, overwrite: true }, deps);
  ctx.io.info(`stored the credentials of ${found.name} in ${parameter}`);
  ctx.io.result({ ok: true, function: found.name, parameter });
}
