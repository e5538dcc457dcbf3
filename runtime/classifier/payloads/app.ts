/** StreamAlert apps: `{"streamalert_app": "<app name>", "logs": [...]}`, each log already decoded JSON. */
import type { RawRecord } from '../types';
import type { JsonObject } from './shape';
import type { ReadContext } from './types';

/** True for a StreamAlert app payload. */
export function isAppPayload(event: JsonObject): boolean {
  return typeof event.streamalert_app === 'string';
}

/** Reads each entry of `logs` as one record, its location `logs[i]`. */
export function readAppPayload(event: JsonObject, ctx: ReadContext): RawRecord[] {
  const app = String(event.streamalert_app);
  const logs = event.logs;
  if (!Array.isArray(logs)) {
    ctx.report({
      level: 'error',
      code: 'Malformed',
      reason: `streamalert_app ${app}: "logs" must be a list, got ${logs === undefined ? 'nothing' : typeof logs}`,
      source: { service: 'streamalert_app', resource: app },
    });
    return [];
  }
  return logs.map((log: unknown, index) => ({ data: log, source: { service: 'streamalert_app', resource: app, location: `logs[${index}]` } }));
}
