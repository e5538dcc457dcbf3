import { getPath, rule } from '../../../runtime/rules';

/** An AMI was shared with everyone (launch permission for the group "all"). */
rule<'cloudwatch:events'>({ logs: ['cloudwatch:events'], outputs: ['aws-firehose:alerts'], severity: 'high' })(
  function public_ami(rec) {
    if (getPath(rec, 'detail.eventName') !== 'ModifyImageAttribute') return false;
    const added = getPath<unknown[]>(rec, 'detail.requestParameters.launchPermission.add.items', []);
    return Array.isArray(added) && added.some((item) => getPath(item, 'group') === 'all');
  },
);
