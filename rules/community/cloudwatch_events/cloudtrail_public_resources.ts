import { py, rule } from '../../../runtime/rules';
import { isInternetAccessible } from '../_lib/policy-universe';

type Params = () => unknown;

/** Where each API call carries the policy text it sets (S3 bucket policies are objects, handled apart). */
const POLICY_TEXT: Readonly<Record<string, (params: Params, rec: unknown) => unknown>> = {
  CreateElasticsearchDomain: (p) => py.get(p(), 'accessPolicies', ''),
  UpdateElasticsearchDomainConfig: (p) => py.get(p(), 'accessPolicies', ''),
  SetVaultAccessPolicy: (p) => py.get(py.get(p(), 'policy', {}), 'policy', ''),
  SetQueueAttributes: (p) => py.get(py.get(p(), 'attributes', {}), 'Policy', ''),
  SetTopicAttributes: (p, rec) =>
    py.get(p(), 'attributeName', '') === 'Policy' ? py.get(py.item(rec, 'requestParameters'), 'attributeValue', '') : '',
  CreateTopic: (p) => py.get(py.get(p(), 'attributes', {}), 'Policy', ''),
  SetRepositoryPolicy: (p) => py.get(p(), 'policyText', ''),
  PutKeyPolicy: (p) => py.get(p(), 'policy', ''),
  CreateKey: (p) => py.get(p(), 'policy', ''),
  PutResourcePolicy: (p) => py.get(p(), 'resourcePolicy', ''),
};

/**
 * A resource policy now lets anyone on the internet in: S3 buckets, Elasticsearch domains, Glacier vaults,
 * SQS queues, SNS topics, ECR repositories, KMS keys and Secrets Manager secrets.
 */
rule<'cloudtrail:events'>({ logs: ['cloudtrail:events'], outputs: ['aws-firehose:alerts'], severity: 'high' })(
  function cloudtrail_public_resources(rec) {
    const params: Params = () => py.get(rec, 'requestParameters', {});
    const name = py.item(rec, 'eventName');
    if (name === 'PutBucketPolicy') {
      // S3 sends the bucket policy as an object, not as JSON text.
      const policy = py.get(params(), 'bucketPolicy', null);
      if (!py.truthy(policy)) return false;
      if (isInternetAccessible(policy)) return true;
    }
    const read = typeof name === 'string' && Object.prototype.hasOwnProperty.call(POLICY_TEXT, name) ? POLICY_TEXT[name] : undefined;
    const text = read ? read(params, rec) : '';
    return py.truthy(text) && isInternetAccessible(py.jsonLoads(text));
  },
);
