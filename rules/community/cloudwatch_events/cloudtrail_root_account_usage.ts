import { getPath, rule } from '../../../runtime/rules';

/** The AWS root account was used by a person (not by an AWS service acting for the account). */
rule<'cloudwatch:events'>({
  logs: ['cloudwatch:events'],
  outputs: ['aws-firehose:alerts'],
  severity: 'critical',
  req_subkeys: { detail: ['userIdentity', 'eventType'] },
})(function cloudtrail_root_account_usage(rec) {
  return (
    getPath(rec, 'detail.userIdentity.type') === 'Root' &&
    getPath(rec, 'detail.userIdentity.invokedBy') === undefined &&
    getPath(rec, 'detail.eventType') !== 'AwsServiceEvent'
  );
});
