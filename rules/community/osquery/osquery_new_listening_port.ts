import { getPath, isPrivateIp, rule } from '../../../runtime/rules';

/** A process started listening on a port bound to a public (non-private) address. */
rule<'osquery:differential'>({ logs: ['osquery:differential'], outputs: ['aws-firehose:alerts'], severity: 'medium' })(
  function osquery_new_listening_port(rec) {
    if (rec.action !== 'added' || !String(rec.name).endsWith('listening_ports')) return false;
    const address = getPath(rec, 'columns.address');
    return address === '0.0.0.0' || address === '::' || (typeof address === 'string' && !isPrivateIp(address));
  },
);
