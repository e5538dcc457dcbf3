/** Asynchronous invocation of the alert processor (`InvocationType: Event`) on its `production` alias. */
import { StreamAlertError } from '../errors';

type LambdaSdk = typeof import('./alert-invoke-sdk.lazy');

/** Hands one payload (JSON text) to the alert processor. Throws when Lambda did not accept it. */
export type ProcessorInvoker = (payload: string) => Promise<void>;

/** The invoker of `functionName` (`<name>:production`, the qualifier in the name) in `region`. */
export function lambdaInvoker(functionName: string, region?: string): ProcessorInvoker {
  let client: Promise<{ sdk: LambdaSdk; lambda: InstanceType<LambdaSdk['LambdaClient']> }> | undefined;
  return async (payload) => {
    client ??= import('./alert-invoke-sdk.lazy').then((sdk) => ({ sdk, lambda: new sdk.LambdaClient(region ? { region } : {}) }));
    const { sdk, lambda } = await client;
    const out = await lambda.send(new sdk.InvokeCommand({ FunctionName: functionName, InvocationType: 'Event', Payload: Buffer.from(payload) }), {
      abortSignal: AbortSignal.timeout(10_000),
    });
    if (out.StatusCode !== 202) throw new StreamAlertError('InvokeRefused', `Invoke ${functionName} returned status ${String(out.StatusCode)}`, { source: 'aws' });
  };
}
