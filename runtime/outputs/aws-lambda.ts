/**
 * `aws-lambda` (function name, optionally `name:qualifier`, as the descriptor's value in outputs.json) and
 * `aws-lambda-v2` (properties `lambda_function_arn`, `function_qualifier`, `assume_role_arn`: a function in
 * another account, invoked with a role assumed through STS). Both invoke asynchronously (`InvocationType:
 * Event`) with the record as JSON, or `@aws-lambda.alert_data` when a publisher sets it.
 */
import type { Alert } from '../rules/types';
import { budgetSignals, deliver, optionalProperty, requireProperty } from './common/deliver';
import { isObject } from './common/publication';
import { OutputConfigError } from './http';
import type { OutputContext, OutputService } from './types';

interface Credentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
}

function payloadOf(alert: Alert, context: OutputContext): Uint8Array {
  const data = context.publication['@aws-lambda.alert_data'];
  return Buffer.from(JSON.stringify(isObject(data) ? data : alert.record));
}

async function invoke(
  alert: Alert,
  context: OutputContext,
  signal: () => AbortSignal,
  functionName: string,
  qualifier: string | undefined,
  credentials?: Credentials,
): Promise<string> {
  const sdk = await import('./output-lambda-sdk.lazy');
  const client = new sdk.LambdaClient({ region: context.account.region, ...(credentials ? { credentials } : {}) });
  const res = await client.send(
    new sdk.InvokeCommand({ FunctionName: functionName, Qualifier: qualifier, InvocationType: 'Event', Payload: payloadOf(alert, context) }),
    { abortSignal: signal() },
  );
  return `invoked ${functionName}${qualifier ? `:${qualifier}` : ''} (status ${String(res.StatusCode)})`;
}

/** Splits `name:qualifier` (a function ARN keeps its colons; its 8th field is the qualifier). */
export function splitFunction(value: string): { name: string; qualifier?: string } {
  if (value.startsWith('arn:')) {
    const parts = value.split(':');
    return parts.length > 7 ? { name: parts.slice(0, 7).join(':'), qualifier: parts[7] } : { name: value };
  }
  const at = value.indexOf(':');
  return at === -1 ? { name: value } : { name: value.slice(0, at), qualifier: value.slice(at + 1) };
}

/** `aws-lambda`: the function named by the descriptor's value in outputs.json. */
export const lambdaOutput: OutputService = {
  service: 'aws-lambda',
  resourceInConfig: true,
  properties: [],
  send: (alert, context) =>
    deliver(lambdaOutput, context, async () => {
      if (!context.resource) throw new OutputConfigError(`aws-lambda:${context.descriptor}: outputs.json gives no function name`);
      const { name, qualifier } = splitFunction(context.resource);
      return invoke(alert, context, budgetSignals(context.timeoutMs), name, qualifier);
    }),
};

async function assumeRole(context: OutputContext, signal: () => AbortSignal, roleArn: string): Promise<Credentials> {
  const sdk = await import('./output-sts-sdk.lazy');
  const sts = new sdk.STSClient({ region: context.account.region });
  const res = await sts.send(new sdk.AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: 'streamalert_alert_processor' }), { abortSignal: signal() });
  const c = res.Credentials;
  if (!c?.AccessKeyId || !c.SecretAccessKey) throw new OutputConfigError(`aws-lambda-v2:${context.descriptor}: AssumeRole returned no credentials`);
  return { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken };
}

/** `aws-lambda-v2`: a function by ARN, optionally in another account through an assumed role. */
export const lambdaV2Output: OutputService = {
  service: 'aws-lambda-v2',
  resourceInConfig: false,
  properties: [
    { name: 'lambda_function_arn', description: 'the ARN of the Lambda function to invoke', secret: false },
    { name: 'function_qualifier', description: 'the qualifier (alias or version) to invoke', secret: false, required: false },
    { name: 'assume_role_arn', description: 'a role to assume first (functions in another account)', secret: false, required: false },
  ],
  send: (alert, context) =>
    deliver(lambdaV2Output, context, async () => {
      const arn = requireProperty(context, 'aws-lambda-v2', 'lambda_function_arn');
      const role = optionalProperty(context, 'assume_role_arn');
      const signal = budgetSignals(context.timeoutMs);
      const credentials = role ? await assumeRole(context, signal, role) : undefined;
      return invoke(alert, context, signal, arn, optionalProperty(context, 'function_qualifier'), credentials);
    }),
};
