import { getPath, lookupTable, rule } from '../../../runtime/rules';

/** A Duo authentication from a browser on the deny list kept in the lookup table. Example of lookup tables. */
rule<'duo:authentication'>({ logs: ['duo:authentication'], outputs: ['aws-firehose:alerts'], severity: 'low' })(
  function duo_lookup_tables_example(rec) {
    const denied = lookupTable<readonly string[]>('dynamo-backed-table', 'duo_blacklisted_browsers', []);
    return denied.includes(String(getPath(rec, 'access_device.browser', '')));
  },
);
