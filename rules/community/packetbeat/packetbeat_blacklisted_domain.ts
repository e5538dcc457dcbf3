import { py, rule } from '../../../runtime/rules';
import { DENIED_DOMAINS } from './_domains';

/** A DNS question for a domain on the deny list (a command-and-control domain, for example). */
rule<'packetbeat:dns'>({ logs: ['packetbeat:dns'], outputs: ['aws-firehose:alerts'], severity: 'medium' })(
  function packetbeat_blacklisted_domain(rec) {
    return py.contains(DENIED_DOMAINS, py.item(py.item(rec.dns, 'question'), 'name'));
  },
);
