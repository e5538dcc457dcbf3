import { getPath, inSet, rule } from '../../../runtime/rules';
import { DENIED_DOMAINS } from './_domains';

/** A DNS question for a host under a denied domain (any subdomain). */
rule<'packetbeat:dns'>({ logs: ['packetbeat:dns'], outputs: ['aws-firehose:alerts'], severity: 'medium' })(
  function packetbeat_dns_lookup(rec) {
    return inSet(getPath(rec, 'dns.question.name'), DENIED_DOMAINS.map((domain) => `*.${domain}`));
  },
);
