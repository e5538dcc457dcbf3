import { rule } from '../../../runtime/rules';

/** The account id in an ARN or a bare account id; '*' for everyone; undefined for a service principal. */
function accountOf(principal: string): string | undefined {
  if (principal === '*') return '*';
  if (/^\d{12}$/.test(principal)) return principal;
  return /^arn:aws[\w-]*:[\w-]+:[\w-]*:(\d{12}):/.exec(principal)?.[1];
}

/**
 * A Lambda function or layer was opened to another account or to everyone (AddPermission, AddLayerVersionPermission),
 * or a function was given a layer from another account, which runs that account's code inside it.
 */
rule<'cloudtrail:events' | 'cloudtrail:cloudwatch_logs'>({
  logs: ['cloudtrail:events', 'cloudtrail:cloudwatch_logs'],
  outputs: ['slack:security-alerts'],
  severity: 'high',
  attack: ['T1648', 'T1098'],
  dedup: ['eventID'],
})(function aws_lambda_outsider_access(rec) {
  if (rec.eventSource !== 'lambda.amazonaws.com' || rec.errorCode) return false;
  const name = String(rec.eventName ?? '');
  const own = String(rec.recipientAccountId ?? '');
  const params = (rec.requestParameters ?? {}) as { principal?: unknown; layers?: unknown; sourceAccount?: unknown };
  const foreign = (p: unknown) => {
    const account = accountOf(String(p ?? ''));
    return account !== undefined && account !== own;
  };
  if (name.startsWith('AddPermission') || name.startsWith('AddLayerVersionPermission')) {
    return foreign(params.principal) && params.sourceAccount === undefined;
  }
  if (name.startsWith('UpdateFunctionConfiguration') || name.startsWith('CreateFunction')) {
    const layers = Array.isArray(params.layers) ? params.layers : [];
    return layers.some((layer) => foreign(typeof layer === 'string' ? layer : (layer as { arn?: string })?.arn));
  }
  return false;
});
