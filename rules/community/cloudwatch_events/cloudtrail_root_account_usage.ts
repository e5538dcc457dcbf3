import { py, rule } from '../../../runtime/rules';

/** Someone used the AWS root account's credentials (not an AWS service acting for the account). */
rule<'cloudwatch:events'>({
  logs: ['cloudwatch:events'],
  req_subkeys: { detail: ['userIdentity', 'eventType'] },
  outputs: ['aws-firehose:alerts'],
  severity: 'critical',
})(function cloudtrail_root_account_usage(rec) {
  const detail = py.item(rec, 'detail');
  const identity = py.item(detail, 'userIdentity');
  return (
    py.item(identity, 'type') === 'Root' &&
    py.isNone(py.get(identity, 'invokedBy')) &&
    py.item(detail, 'eventType') !== 'AwsServiceEvent'
  );
});
