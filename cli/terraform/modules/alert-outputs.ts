/**
 * What the alert processor may call for the AWS outputs of conf/outputs.json, generated from the one table
 * of each output's AWS calls (runtime/outputs/aws-calls.ts): each configured resource by its ARN with only
 * the actions its output sends. Outputs of other services (Slack, PagerDuty...) need no IAM: their secrets
 * come from SSM. `aws-lambda-v2` keeps its function and role ARNs in SSM, out of Terraform's sight, so it
 * gets nothing here (grant it by hand, or use `aws-lambda`).
 */
import type { Config } from '../../../runtime/config';
import { OUTPUT_AWS_CALLS } from '../../../runtime/outputs/aws-calls';
import { arn, partitionOf, type PolicyStatement } from '../constructs/policy';

/** How one AWS output service maps a descriptor's resource value to an ARN. */
interface AwsOutputAccess {
  /** ARN of the resource named `value` (a name, or already an ARN). */
  readonly resource: (value: string, config: Config) => string;
}

const inAccount = (service: string, path: (name: string) => string) => (value: string, config: Config) =>
  value.startsWith('arn:') ? value : arn(config.account.region, service, config.account.id, path(value));

/** ARN of an SQS queue given by name (this account and region) or by URL. */
function sqsQueueArn(value: string, config: Config): string {
  const url = /^https?:\/\/sqs\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?\/(\d{12})\/([^/]+)$/.exec(value);
  if (url) return arn(url[1], 'sqs', url[2], url[3]);
  return inAccount('sqs', (name) => name)(value, config);
}

/** The resources of descriptor-scoped AWS output services, by StreamAlert service name. */
export const AWS_OUTPUT_ACCESS: Readonly<Record<string, AwsOutputAccess>> = {
  // Objects `alerts/<...>/<alert id>.json`: PutObject only (a resend overwrites).
  'aws-s3': {
    resource: (value, config) => {
      const bucket = value.startsWith('arn:') ? value.split(':').pop() ?? value : value;
      return `arn:${partitionOf(config.account.region)}:s3:::${bucket}/alerts/*`;
    },
  },
  'aws-sns': { resource: inAccount('sns', (name) => name) },
  // A queue name, or its URL (https://sqs.<region>.amazonaws.com/<account>/<name>).
  'aws-sqs': { resource: (value, config) => sqsQueueArn(value, config) },
  'aws-firehose': { resource: inAccount('firehose', (name) => `deliverystream/${name}`) },
  // `function` or `function:qualifier`.
  'aws-lambda': { resource: inAccount('lambda', (name) => `function:${name}`) },
};

/**
 * One statement per configured AWS output service, listing the ARN of each descriptor's resource
 * (sorted, without repeats). Descriptors without a resource value get nothing: such an output cannot
 * send, and the alert processor reports it.
 */
export function determineOutputStatements(config: Config): PolicyStatement[] {
  const statements: PolicyStatement[] = [];
  for (const service of Object.keys(OUTPUT_AWS_CALLS).sort()) {
    const descriptors = config.outputs[service];
    const calls = OUTPUT_AWS_CALLS[service];
    if (descriptors === undefined || Object.keys(descriptors).length === 0 || calls.actions.length === 0) continue;
    if (calls.scope === 'ses-identities') {
      // The sender (`from_email`) is a secret: every verified identity of the account and region.
      statements.push({ Action: [...calls.actions], Resource: [arn(config.account.region, 'ses', config.account.id, 'identity/*')] });
      continue;
    }
    const access = AWS_OUTPUT_ACCESS[service];
    if (calls.scope !== 'descriptor' || access === undefined) continue;
    const resources = [
      ...new Set(
        Object.values(descriptors)
          .filter((value): value is string => typeof value === 'string' && value !== '')
          .map((value) => access.resource(value, config)),
      ),
    ].sort();
    if (resources.length > 0) statements.push({ Action: [...calls.actions], Resource: resources });
  }
  return statements;
}
