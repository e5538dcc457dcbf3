import { disable, py, rule } from '../../../runtime/rules';

/** Where threat intel puts the indicators it found in a record, by indicator type. */
const IOC_KEY = 'streamalert:ioc';

/**
 * Example of a rule reading threat intel: OneLogin activity from an IP address listed as malicious.
 * Disabled, as in StreamAlert: it needs threat intel switched on. Not meant for production.
 */
disable(
  rule<'onelogin:events'>({ logs: ['onelogin:events'], outputs: ['aws-firehose:alerts'], severity: 'high' })(
    function onelogin_events_threat_intel_example(rec) {
      return py.contains(rec, IOC_KEY) && py.contains(py.item(rec, IOC_KEY), 'ip');
    },
  ),
);
