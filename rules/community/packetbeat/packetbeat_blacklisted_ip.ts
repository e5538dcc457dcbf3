import { py, rule } from '../../../runtime/rules';
import { isPython37Ipv4Address } from '../_lib/ipv4';

/** Destination addresses on the deny list. */
const IP_BLACKLIST: readonly string[] = ['222.173.190.239'];

/** A network flow from an IPv4 source to an address on the deny list. */
rule<'packetbeat:flow'>({ logs: ['packetbeat:flow'], outputs: ['aws-firehose:alerts'], severity: 'high' })(
  function packetbeat_blacklisted_ip(rec) {
    // The original parsed the source as IPv4 first: an IPv6 (or malformed) source raised, so never alerts.
    if (!isPython37Ipv4Address(py.item(py.item(rec, 'source'), 'ip'))) return false;
    return py.contains(IP_BLACKLIST, py.item(py.item(rec, 'dest'), 'ip'));
  },
);
