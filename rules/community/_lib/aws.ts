/** Shared helpers for the AWS community rules (CloudTrail records, as such or inside CloudWatch events). */
import { getPath } from '../../../runtime/rules';

/** The CloudTrail event of a record: `detail` of a CloudWatch event, else the record itself. */
export function cloudtrailEvent(rec: object): Record<string, unknown> {
  const detail = getPath<unknown>(rec, 'detail');
  return (detail !== null && typeof detail === 'object' ? detail : rec) as Record<string, unknown>;
}

/** A policy document given as an object or as JSON text; `undefined` when it is neither. */
export function parsePolicy(policy: unknown): Record<string, unknown> | undefined {
  if (typeof policy === 'string') {
    try {
      const parsed: unknown = JSON.parse(policy);
      return parsed !== null && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : undefined;
    } catch {
      return undefined;
    }
  }
  return policy !== null && typeof policy === 'object' ? (policy as Record<string, unknown>) : undefined;
}

function isEveryone(principal: unknown): boolean {
  if (principal === '*') return true;
  const aws = getPath<unknown>(principal, 'AWS');
  return aws === '*' || (Array.isArray(aws) && aws.includes('*'));
}

/** True when a policy allows everyone ('*') without any condition. */
export function isPublicPolicy(policy: unknown): boolean {
  const doc = parsePolicy(policy);
  if (!doc) return false;
  const statements = Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement];
  return statements.some(
    (s: unknown) =>
      getPath(s, 'Effect') === 'Allow' && isEveryone(getPath(s, 'Principal')) && getPath(s, 'Condition') === undefined,
  );
}

/** Grantee URIs that make an S3 ACL public. */
export const PUBLIC_ACL_GROUPS = [
  'http://acs.amazonaws.com/groups/global/AllUsers',
  'http://acs.amazonaws.com/groups/global/AuthenticatedUsers',
];

/** True when an S3 access control policy grants anything to all (or all authenticated) users. */
export function hasPublicGrant(accessControlPolicy: unknown): boolean {
  const grants = getPath<unknown>(accessControlPolicy, 'AccessControlList.Grant', []);
  const list = Array.isArray(grants) ? grants : [grants];
  return list.some((g: unknown) => PUBLIC_ACL_GROUPS.includes(String(getPath(g, 'Grantee.URI', ''))));
}
