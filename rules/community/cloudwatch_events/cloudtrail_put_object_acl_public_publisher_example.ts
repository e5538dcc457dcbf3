import { getPath, rule } from '../../../runtime/rules';
import { hasPublicGrant } from '../_lib/aws';

/** An S3 object ACL was made public. Example of a rule with publishers for its outputs. */
rule<'cloudwatch:events'>({
  logs: ['cloudwatch:events'],
  outputs: ['slack:sample-channel', 'pagerduty:sample-integration'],
  severity: 'medium',
  context: { note: 'This is purely for example purposes in testing, and is not meant to be used as-is' },
  publishers: {
    'slack:sample-channel': ['default', 'summary'],
    'pagerduty:sample-integration': ['cloudtrail_summary'],
  },
})(function cloudtrail_put_object_acl_public_publisher_example(rec) {
  return (
    getPath(rec, 'detail.eventName') === 'PutObjectAcl' &&
    hasPublicGrant(getPath(rec, 'detail.requestParameters.AccessControlPolicy'))
  );
});
