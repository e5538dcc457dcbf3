import { getKeys, py, rule } from '../../../runtime/rules';

/** A security group rule now allows inbound traffic from anywhere, over IPv4 (0.0.0.0/0) or IPv6 (::/0). */
rule<'cloudwatch:events'>({
  logs: ['cloudwatch:events'],
  req_subkeys: { detail: ['eventName', 'requestParameters'] },
  outputs: ['aws-firehose:alerts'],
  severity: 'high',
})(function cloudtrail_security_group_ingress_anywhere(rec) {
  const detail = py.item(rec, 'detail');
  if (py.item(detail, 'eventName') !== 'AuthorizeSecurityGroupIngress') return false;
  const params = py.item(detail, 'requestParameters');
  const ipv4 = getKeys(params, 'cidrIp');
  const ipv6 = getKeys(params, 'cidrIpv6');
  return py.contains(ipv4, '0.0.0.0/0') || py.contains(ipv6, '::/0');
});
