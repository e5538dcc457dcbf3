import { getPath, rule } from '../../../runtime/rules';

/** A network ACL entry allows ingress from anywhere (0.0.0.0/0). */
rule<'cloudwatch:events'>({ logs: ['cloudwatch:events'], outputs: ['aws-firehose:alerts'], severity: 'high' })(
  function cloudtrail_network_acl_ingress_anywhere(rec) {
    if (getPath(rec, 'detail.eventName') !== 'CreateNetworkAclEntry') return false;
    const params = getPath<Record<string, unknown>>(rec, 'detail.requestParameters', {}) ?? {};
    return params.cidrBlock === '0.0.0.0/0' && params.ruleAction === 'allow' && params.egress === false;
  },
);
