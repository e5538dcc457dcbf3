import { getPath, rule } from '../../../runtime/rules';
import { cloudtrailEvent, isPublicPolicy } from '../_lib/aws';

/** Where each API call carries the resource policy it sets. */
const POLICY_PATHS: Readonly<Record<string, string>> = {
  PutBucketPolicy: 'requestParameters.bucketPolicy',
  CreateElasticsearchDomain: 'requestParameters.accessPolicies',
  UpdateElasticsearchDomainConfig: 'requestParameters.accessPolicies',
  SetVaultAccessPolicy: 'requestParameters.policy.policy',
  SetQueueAttributes: 'requestParameters.attributes.Policy',
  CreateQueue: 'requestParameters.attributes.Policy',
  CreateTopic: 'requestParameters.attributes.Policy',
  SetRepositoryPolicy: 'requestParameters.policyText',
  PutKeyPolicy: 'requestParameters.policy',
  CreateKey: 'requestParameters.policy',
  PutResourcePolicy: 'requestParameters.resourcePolicy',
};

/** A resource policy (S3, Elasticsearch, Glacier, SQS, SNS, ECR, KMS, Secrets Manager) was made public. */
rule({ logs: ['cloudtrail:events', 'cloudwatch:events'], outputs: ['aws-firehose:alerts'], severity: 'high' })(
  function cloudtrail_public_resources(rec) {
    const event = cloudtrailEvent(rec);
    const name = String(event.eventName);
    if (name === 'SetTopicAttributes') {
      return getPath(event, 'requestParameters.attributeName') === 'Policy' && isPublicPolicy(getPath(event, 'requestParameters.attributeValue'));
    }
    const path = POLICY_PATHS[name];
    return path !== undefined && isPublicPolicy(getPath(event, path));
  },
);
