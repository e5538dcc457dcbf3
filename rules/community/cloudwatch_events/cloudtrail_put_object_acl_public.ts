import { dataHasValueFromSubstringList, py, rule } from '../../../runtime/rules';

/** Grantee groups that make an S3 ACL public (matched as substrings: they also appear as "uri=..."). */
const PUBLIC_ACLS = ['http://acs.amazonaws.com/groups/global/AuthenticatedUsers', 'http://acs.amazonaws.com/groups/global/AllUsers'];

/** Buckets whose objects are meant to be public. */
const PUBLIC_BUCKETS = new Set(['example-bucket-to-ignore']);

/** An S3 object ACL now grants access to everyone or to every authenticated AWS user. */
rule<'cloudwatch:events'>({
  logs: ['cloudwatch:events'],
  req_subkeys: { detail: ['requestParameters'] },
  outputs: ['aws-firehose:alerts'],
  severity: 'medium',
})(function cloudtrail_put_object_acl_public(rec) {
  const detail = py.item(rec, 'detail');
  const params = py.item(detail, 'requestParameters');
  return (
    py.item(detail, 'eventName') === 'PutObjectAcl' &&
    dataHasValueFromSubstringList(params, PUBLIC_ACLS) &&
    !py.inSet(py.get(params, 'bucketName'), PUBLIC_BUCKETS)
  );
});
