import { py, rule } from '../../../runtime/rules';

/** A network ACL entry was created that allows inbound traffic from anywhere (0.0.0.0/0). */
rule<'cloudwatch:events'>({
  logs: ['cloudwatch:events'],
  req_subkeys: { detail: ['eventName', 'requestParameters'] },
  outputs: ['aws-firehose:alerts'],
  severity: 'high',
})(function cloudtrail_network_acl_ingress_anywhere(rec) {
  const detail = py.item(rec, 'detail');
  if (py.item(detail, 'eventName') !== 'CreateNetworkAclEntry') return false;
  const params = py.item(detail, 'requestParameters');
  return (
    py.item(params, 'cidrBlock') === '0.0.0.0/0' &&
    py.item(params, 'ruleAction') === 'allow' &&
    py.item(params, 'egress') === false
  );
});
