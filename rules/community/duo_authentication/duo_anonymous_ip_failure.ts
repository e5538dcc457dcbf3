import { rule } from '../../../runtime/rules';

/** A Duo authentication failed because it came from an anonymous IP address (Tor, proxy, VPN). */
rule<'duo:authentication'>({ logs: ['duo:authentication'], outputs: ['aws-firehose:alerts'], severity: 'medium' })(
  function duo_anonymous_ip_failure(rec) {
    return rec.result === 'FAILURE' && rec.reason === 'Anonymous IP';
  },
);
