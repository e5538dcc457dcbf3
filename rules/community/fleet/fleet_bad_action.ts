import { disable, py, rule } from '../../../runtime/rules';

/**
 * A Fleet (osquery manager) query reported a bad action by a user: `columns.bad_action` is '1' or absent.
 * Shipped disabled, as in StreamAlert: remove `disable(...)` once the query behind it exists.
 */
disable(
  rule<'fleet:results'>({ logs: ['fleet:results'], outputs: ['aws-firehose:alerts'], severity: 'medium' })(
    function fleet_bad_action(rec) {
      return py.get(py.item(rec, 'columns'), 'bad_action', '1') === '1';
    },
  ),
);
