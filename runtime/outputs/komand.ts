/** `komand` (Rapid7 InsightConnect trigger): POSTs `{ data: <publication> }` with the auth token header. */
import { deliver, requireProperty } from './common/deliver';
import type { OutputService } from './types';

/** The Komand output. */
export const komandOutput: OutputService = {
  service: 'komand',
  resourceInConfig: false,
  properties: [
    { name: 'komand_auth_token', description: 'the auth token of this Komand integration', secret: true },
    { name: 'url', description: 'the trigger URL (https://HOST/v2/triggers/GUID/events)', secret: true },
  ],
  send: (_alert, context) =>
    deliver(komandOutput, context, async (http) => {
      await http.request({
        url: requireProperty(context, 'komand', 'url'),
        headers: { Authorization: requireProperty(context, 'komand', 'komand_auth_token') },
        json: { data: context.publication },
      });
      return 'trigger sent';
    }),
};
