import { getPath, rule } from '../../../runtime/rules';
import { hasPublicGrant } from '../_lib/aws';

/** An S3 bucket ACL grants access to all users or to all authenticated AWS users. */
rule<'cloudwatch:events'>({ logs: ['cloudwatch:events'], outputs: ['aws-firehose:alerts'], severity: 'high' })(
  function cloudtrail_put_bucket_acl(rec) {
    return (
      getPath(rec, 'detail.eventName') === 'PutBucketAcl' &&
      hasPublicGrant(getPath(rec, 'detail.requestParameters.AccessControlPolicy'))
    );
  },
);
