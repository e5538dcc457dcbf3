/** App types by StreamAlert's name; a type registered twice is a bug caught at load. */
import { AppConfigError } from './errors';
import type { AppDefinition } from './types';

const apps = new Map<string, AppDefinition>();

/** Registers an app type. */
export function registerApp(app: AppDefinition): void {
  if (apps.has(app.type)) throw new AppConfigError(`app type "${app.type}" is registered twice`);
  apps.set(app.type, app);
}

/** The app of `type`; throws naming the known types when there is none. */
export function getApp(type: string): AppDefinition {
  const app = apps.get(type);
  if (app === undefined) {
    throw new AppConfigError(`unknown app type "${type}"`, `known types: ${appTypes().join(', ')}`);
  }
  return app;
}

/** Registered app types, sorted. */
export function appTypes(): string[] {
  return [...apps.keys()].sort();
}
