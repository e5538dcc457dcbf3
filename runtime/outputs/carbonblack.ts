/**
 * `carbonblack` (VMware Carbon Black EDR / CB Response): bans a binary hash. The rule says what to ban in its
 * context: `{ carbonblack: { action: 'ban', value: '<md5>' } }`. An existing, enabled ban is left alone; a
 * disabled one is enabled again by POSTing it back to `/api/v1/banning/blacklist` with `enabled: true` (what
 * Carbon Black's own client, cbapi, does, and StreamAlert through it); otherwise a ban is created (the same
 * POST). Header `X-Auth-Token`.
 */
import { deliver, joinUrl, requireProperty } from './common/deliver';
import { isObject } from './common/publication';
import { OutputConfigError } from './http';
import type { OutputService } from './types';

/** The Carbon Black output. */
export const carbonblackOutput: OutputService = {
  service: 'carbonblack',
  resourceInConfig: false,
  properties: [
    { name: 'url', description: 'the CB Response server URL (https://hostname)', secret: false },
    { name: 'token', description: 'a CB Response API token', secret: true },
  ],
  send: (alert, context) =>
    deliver(carbonblackOutput, context, async (http) => {
      const cb = isObject(alert.context.carbonblack) ? alert.context.carbonblack : {};
      if (cb.action !== 'ban') {
        throw new OutputConfigError(`carbonblack: rule ${alert.rule_name}: context.carbonblack.action must be "ban", got ${JSON.stringify(cb.action)}`);
      }
      const md5 = typeof cb.value === 'string' ? cb.value.toLowerCase() : '';
      if (!/^[0-9a-f]{32}$/.test(md5)) {
        throw new OutputConfigError(`carbonblack: rule ${alert.rule_name}: context.carbonblack.value must be an MD5 hash, got ${JSON.stringify(cb.value)}`);
      }
      const base = requireProperty(context, 'carbonblack', 'url');
      const headers = { 'X-Auth-Token': requireProperty(context, 'carbonblack', 'token'), Accept: 'application/json' };
      const banUrl = joinUrl(base, `api/v1/banning/blacklist/${md5}`);
      const existing = await http.request({ url: banUrl, headers, allowStatus: [404] });
      const ban = existing.status === 404 ? undefined : existing.json();
      if (isObject(ban) && ban.enabled === true) return `hash ${md5} already banned`;
      const listUrl = joinUrl(base, 'api/v1/banning/blacklist');
      if (isObject(ban)) {
        await http.request({ method: 'POST', url: listUrl, headers, json: { ...ban, md5hash: md5, enabled: true } });
        return `ban of ${md5} enabled again`;
      }
      await http.request({ url: listUrl, headers, json: { md5hash: md5, text: 'Banned from StreamAlert', enabled: true } });
      return `hash ${md5} banned`;
    }),
};
