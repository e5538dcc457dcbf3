import { py, rule } from '../../../runtime/rules';

/** A DNS question for any host under evil.com. */
rule<'packetbeat:dns'>({ logs: ['packetbeat:dns'], outputs: ['aws-firehose:alerts'], severity: 'medium' })(
  function packetbeat_dns_lookup(rec) {
    return py.endsWith(py.item(py.item(rec.dns, 'question'), 'name'), '.evil.com.');
  },
);
