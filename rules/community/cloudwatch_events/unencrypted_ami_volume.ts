import { getPath, rule } from '../../../runtime/rules';

/** An AMI was created with an unencrypted EBS volume. */
rule<'cloudwatch:events'>({ logs: ['cloudwatch:events'], outputs: ['aws-firehose:alerts'], severity: 'medium' })(
  function unencrypted_ami_volume(rec) {
    if (getPath(rec, 'detail.eventName') !== 'CreateImage') return false;
    const items = getPath<unknown[]>(rec, 'detail.requestParameters.blockDeviceMapping.items', []);
    return Array.isArray(items) && items.some((item) => getPath(item, 'ebs.encrypted') === false);
  },
);
