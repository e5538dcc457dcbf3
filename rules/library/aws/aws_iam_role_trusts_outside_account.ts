import { rule } from '../../../runtime/rules';

/** AWS principals a trust policy document names: account ids, account or role ARNs, or '*'. */
function trustedAwsPrincipals(document: unknown): string[] {
  let policy: unknown = document;
  if (typeof document === 'string') {
    try {
      policy = JSON.parse(decodeURIComponent(document));
    } catch {
      return [];
    }
  }
  const statements = (policy as { Statement?: unknown })?.Statement;
  const list = Array.isArray(statements) ? statements : statements === undefined ? [] : [statements];
  return list.flatMap((s: { Effect?: string; Principal?: unknown }) => {
    if (s?.Effect !== 'Allow') return [];
    if (s.Principal === '*') return ['*'];
    const aws = (s.Principal as { AWS?: unknown } | undefined)?.AWS;
    return (Array.isArray(aws) ? aws : aws === undefined ? [] : [aws]).map(String);
  });
}

/** The account id of a principal ('*' for everyone). */
function accountOf(principal: string): string {
  if (principal === '*') return '*';
  return /^\d{12}$/.test(principal) ? principal : (/^arn:aws[\w-]*:iam::(\d{12}):/.exec(principal)?.[1] ?? principal);
}

/**
 * A role was created, or its trust policy changed, so that a principal of another AWS account (or anyone) may
 * assume it: a backdoor role. Add your partner accounts to `TRUSTED_ACCOUNTS` to leave them out.
 */
const TRUSTED_ACCOUNTS: readonly string[] = [];

rule<'cloudtrail:events' | 'cloudtrail:cloudwatch_logs'>({
  logs: ['cloudtrail:events', 'cloudtrail:cloudwatch_logs'],
  outputs: ['pagerduty-v2:security-oncall'],
  severity: 'high',
  attack: ['T1098.003', 'T1199'],
  dedup: ['eventID'],
})(function aws_iam_role_trusts_outside_account(rec) {
  if (rec.eventSource !== 'iam.amazonaws.com' || rec.errorCode) return false;
  if (rec.eventName !== 'CreateRole' && rec.eventName !== 'UpdateAssumeRolePolicy') return false;
  const params = (rec.requestParameters ?? {}) as { assumeRolePolicyDocument?: unknown; policyDocument?: unknown };
  const document = rec.eventName === 'CreateRole' ? params.assumeRolePolicyDocument : params.policyDocument;
  const own = String(rec.recipientAccountId ?? '');
  return trustedAwsPrincipals(document).some((p) => {
    const account = accountOf(p);
    return account !== own && !TRUSTED_ACCOUNTS.includes(account);
  });
});
