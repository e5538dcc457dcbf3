import { lookupTable, py, rule } from '../../../runtime/rules';

/**
 * Example of a rule reading a lookup table: a Duo authentication from a browser that the table
 * `dynamo-backed-table` lists under `duo_blacklisted_browsers`. Not meant for production.
 */
rule<'duo:authentication'>({ logs: ['duo:authentication'], outputs: ['aws-firehose:alerts'], severity: 'low' })(
  function duo_lookup_tables_example(rec) {
    const denied = lookupTable<unknown>('dynamo-backed-table', 'duo_blacklisted_browsers', []);
    return py.inSet(py.get(rec.access_device, 'browser'), py.toSet(denied));
  },
);
