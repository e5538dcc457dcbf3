/** The port of policyuniverse 1.3.2.3's `is_internet_accessible`; expected values are the library's own answers. */
import { describe, expect, it } from '@jest/globals';
import { RecordShapeError } from '../../../../runtime/rules';
import { isInternetAccessible } from '../../../../rules/community/_lib/policy-universe';

/** The Python exception a call raised ('none' when it returned). */
function pythonErrorOf(run: () => unknown): string {
  try {
    run();
    return 'none';
  } catch (err) {
    return err instanceof RecordShapeError ? err.pythonError : String(err);
  }
}

const allow = (statement: Record<string, unknown>) => ({ Statement: [{ Effect: 'Allow', ...statement }] });

describe('isInternetAccessible (policyuniverse)', () => {
  it.each([
    ['a statement for everyone', allow({ Principal: '*', Action: 's3:GetObject' }), true],
    ['a single statement object', { Statement: { Effect: 'Allow', Principal: { AWS: '*' } } }, true],
    ['a Deny for everyone', { Statement: [{ Effect: 'Deny', Principal: '*' }] }, false],
    ['an account principal', allow({ Principal: { AWS: 'arn:aws:iam::123456789012:root' } }), false],
    ['any account in an ARN', allow({ Principal: { AWS: 'arn:aws:iam::*:root' } }), true],
    ['an S3 ARN', allow({ Principal: { AWS: 'arn:aws:s3:::bucket/*' } }), false],
    ['a service principal', allow({ Principal: { Service: 'sns.amazonaws.com' } }), false],
    ['NotPrincipal', allow({ NotPrincipal: { AWS: 'arn:aws:iam::123456789012:root' } }), true],
    ['everyone within an organization', allow({ Principal: '*', Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-123' } } }), false],
    ['everyone from any address', allow({ Principal: '*', Condition: { IpAddress: { 'aws:SourceIp': '0.0.0.0/0' } } }), true],
    ['everyone with a negated condition', allow({ Principal: '*', Condition: { StringNotEquals: { 'aws:SourceAccount': '123456789012' } } }), true],
    ['a user id with a trailing wildcard', allow({ Principal: '*', Condition: { StringLike: { 'aws:userid': 'AROAEXAMPLE:*' } } }), false],
    ['no statement', {}, false],
  ])('%s: %p', (_what, policy, expected) => {
    expect(isInternetAccessible(policy)).toBe(expected);
  });

  it.each([
    ['a user id without a wildcard', allow({ Principal: '*', Condition: { StringEquals: { 'aws:userid': 'AIDAEXAMPLE' } } }), 'ValueError'],
    ['a statement that is not an object', { Statement: ['x'] }, 'AttributeError'],
    ['an object inside a principal list', allow({ Principal: [{ AWS: '*' }] }), 'TypeError'],
  ])('raises where the library raised: %s', (_what, policy, error) => {
    expect(pythonErrorOf(() => isInternetAccessible(policy))).toBe(error);
  });
});
