/** Looking up a configured app by its function name or `app_name`. */
import type { AppModule, Config } from '../../runtime/config';
import { UsageError } from '../../runtime/errors';

/** A configured app with where it lives. */
export interface ConfiguredApp {
  readonly cluster: string;
  readonly region: string;
  /** The function name (the key in `modules.streamalert_apps`). */
  readonly name: string;
  readonly settings: AppModule;
}

/** Every configured app, in cluster order. */
export function configuredApps(config: Config): ConfiguredApp[] {
  return Object.values(config.clusters).flatMap((cluster) =>
    Object.entries(cluster.modules.streamalert_apps ?? {}).map(([name, settings]) => ({ cluster: cluster.name, region: cluster.region, name, settings })),
  );
}

/** The app named `name` (function name or app_name); a usage error listing the apps when none or several match. */
export function findApp(config: Config, name: string): ConfiguredApp {
  const apps = configuredApps(config);
  const found = apps.filter((a) => a.name === name || a.settings.app_name === name);
  if (found.length === 1) return found[0];
  const known = apps.map((a) => a.name).join(', ') || 'none';
  if (found.length === 0) throw new UsageError(`no app named "${name}"`, `configured apps: ${known} (add one with \`streamalert app new\`)`);
  throw new UsageError(`"${name}" names ${found.length} apps`, `use the function name: ${found.map((a) => a.name).join(', ')}`);
}
