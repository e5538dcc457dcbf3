/** An inline policy that a module attaches to a role it does not own (the rule processor's, mostly). */
import type { Construct } from 'constructs';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import type { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { policyDocument, type PolicyStatement } from './policy';

/** Attaches `statements` to `role` as the inline policy `name`, declared in `scope` (so targets find it). */
export function attachPolicy(
  scope: Construct,
  id: string,
  role: IamRole,
  name: string,
  statements: readonly PolicyStatement[],
): IamRolePolicy {
  return new IamRolePolicy(scope, id, { role: role.name, name, policy: policyDocument(statements) });
}
