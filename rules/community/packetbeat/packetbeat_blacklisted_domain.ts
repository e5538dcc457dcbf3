import { getPath, inSet, rule } from '../../../runtime/rules';
import { DENIED_DOMAINS } from './_domains';

/** A DNS question for a domain on the deny list. */
rule<'packetbeat:dns'>({ logs: ['packetbeat:dns'], outputs: ['aws-firehose:alerts'], severity: 'medium' })(
  function packetbeat_blacklisted_domain(rec) {
    return inSet(getPath(rec, 'dns.question.name'), DENIED_DOMAINS);
  },
);
