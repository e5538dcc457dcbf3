import { dataHasValueFromSubstringList, py, rule } from '../../../runtime/rules';
import { generic, pagerdutyLayout, slackLayout } from '../../../runtime/publishers/community';

/** Grantee groups that make an S3 ACL public (matched as substrings: they also appear as "uri=..."). */
const PUBLIC_ACLS = ['http://acs.amazonaws.com/groups/global/AuthenticatedUsers', 'http://acs.amazonaws.com/groups/global/AllUsers'];

/**
 * description: Example of a rule whose alerts are reshaped by publishers for Slack and PagerDuty: an S3 object
 *              ACL made public, from the address 1.2.3.4 only (so it stays quiet on other test events).
 * note: This is purely for example purposes in testing, and is not meant to be used as-is
 */
rule<'cloudwatch:events'>({
  logs: ['cloudwatch:events'],
  req_subkeys: { detail: ['eventName', 'requestParameters', 'sourceIPAddress'] },
  outputs: ['aws-firehose:alerts', 'slack:sample-channel', 'pagerduty:sample-integration'],
  severity: 'medium',
  publishers: {
    slack: [slackLayout.Summary, slackLayout.AttachRuleInfo, slackLayout.AttachFullRecord],
    pagerduty: [
      generic.addRecord,
      generic.populateFields,
      pagerdutyLayout.PrettyPrintArrays,
      pagerdutyLayout.ShortenTitle,
      pagerdutyLayout.asCustomDetails,
    ],
  },
  context: { populate_fields: ['userName', 'sourceIPAddress', 'eventTime', 'eventName', 'eventSource', 'bucketName'] },
})(function cloudtrail_put_object_acl_public_publisher_example(rec) {
  const detail = py.item(rec, 'detail');
  if (py.item(detail, 'sourceIPAddress') !== '1.2.3.4') return false;
  return py.item(detail, 'eventName') === 'PutObjectAcl' && dataHasValueFromSubstringList(py.item(detail, 'requestParameters'), PUBLIC_ACLS);
});
