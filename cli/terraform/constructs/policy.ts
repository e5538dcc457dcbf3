/**
 * IAM policy documents as plain data, rendered to the JSON string Terraform expects.
 * Tokens (resource attributes) inside the strings resolve to `${aws_x.y.attr}` when synthesized.
 */

/** One IAM policy statement. */
export interface PolicyStatement {
  readonly Sid?: string;
  readonly Effect?: 'Allow' | 'Deny';
  readonly Principal?: Readonly<Record<string, string | readonly string[]>> | '*';
  readonly Action: string | readonly string[];
  readonly Resource?: string | readonly string[];
  readonly Condition?: Readonly<Record<string, Readonly<Record<string, string | boolean | readonly string[]>>>>;
}

/** Renders statements as a policy document (Effect defaults to Allow). */
export function policyDocument(statements: readonly PolicyStatement[]): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: statements.map((s) => ({ Effect: 'Allow', ...s })),
  });
}

/** Trust policy letting one AWS service assume a role, limited to this account. */
export function assumeRolePolicy(service: string, accountId: string): string {
  return policyDocument([
    {
      Action: 'sts:AssumeRole',
      Principal: { Service: service },
      Condition: { StringEquals: { 'aws:SourceAccount': accountId } },
    },
  ]);
}

/** ARN partition of a region (`aws`, `aws-cn`, `aws-us-gov`). */
export function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

/** An ARN built from parts, for resources addressed by name (user-owned topics, queues, buckets). */
export function arn(region: string, service: string, accountId: string, resource: string, arnRegion = region): string {
  return `arn:${partitionOf(region)}:${service}:${arnRegion}:${accountId}:${resource}`;
}
