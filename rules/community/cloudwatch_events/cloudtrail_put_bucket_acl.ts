import { py, rule } from '../../../runtime/rules';

/** Grantee groups that make an S3 ACL public: anyone, or anyone with an AWS account. */
const DENIED_ACLS = new Set([
  'http://acs.amazonaws.com/groups/global/AuthenticatedUsers',
  'http://acs.amazonaws.com/groups/global/AllUsers',
]);

/** An S3 bucket ACL now grants access to everyone or to every authenticated AWS user. */
rule<'cloudwatch:events'>({
  logs: ['cloudwatch:events'],
  req_subkeys: { detail: ['requestParameters', 'eventName'] },
  outputs: ['aws-firehose:alerts'],
  severity: 'high',
})(function cloudtrail_put_bucket_acl(rec) {
  const detail = py.item(rec, 'detail');
  if (py.item(detail, 'eventName') !== 'PutBucketAcl') return false;
  const params = py.item(detail, 'requestParameters');
  if (py.isNone(params)) return false;
  const policy = py.get(params, 'AccessControlPolicy');
  if (!py.truthy(policy)) return false;
  const grants = py.item(py.item(policy, 'AccessControlList'), 'Grant');
  // Every grant is read before deciding, as the original does.
  const denied = py.iterate(grants).flatMap((grant) => {
    const grantee = py.get(grant, 'Grantee', []);
    return py.contains(grantee, 'URI') ? [py.inSet(py.item(grantee, 'URI'), DENIED_ACLS)] : [];
  });
  return denied.some(Boolean);
});
