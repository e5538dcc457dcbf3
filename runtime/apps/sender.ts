/**
 * Sends gathered logs to the cluster's rule processor (`<name>:production`) in the payload shape it reads:
 * `{"Records": [{"streamalert_app": "<app function>", "logs": [...]}]}`. Logs are packed in order into
 * payloads under the asynchronous invoke limit; a send is accepted when Lambda queues it (202).
 */
import { AppSendError } from './errors';

/** Lambda's limit on an asynchronous Invoke payload (https://docs.aws.amazon.com/lambda/latest/api/API_Invoke.html). */
export const ASYNC_PAYLOAD_LIMIT = 1_000_000;

/** Default payload size: smaller batches keep each rule processor invocation short. */
export const DEFAULT_BATCH_BYTES = 256 * 1024;

/** Delivers one payload; throws when it is not accepted. */
export type PayloadSender = (payload: string) => Promise<void>;

/** One payload: its logs (in order) and its JSON text. */
export interface AppBatch {
  readonly logs: readonly unknown[];
  readonly payload: string;
}

/** A log too large for any payload: kept out of the batches and reported by the runner. */
export interface OversizedLog {
  readonly index: number;
  readonly bytes: number;
}

/**
 * Packs `logs` in order into payloads of at most `maxBytes` (a single log may use up to
 * {@link ASYNC_PAYLOAD_LIMIT}); logs past that are returned as oversized.
 */
export function packLogs(app: string, logs: readonly unknown[], maxBytes = DEFAULT_BATCH_BYTES): { batches: AppBatch[]; oversized: OversizedLog[] } {
  const head = `{"Records":[{"streamalert_app":${JSON.stringify(app)},"logs":[`;
  const tail = ']}]}';
  const batches: AppBatch[] = [];
  const oversized: OversizedLog[] = [];
  let parts: string[] = [];
  let current: unknown[] = [];
  let size = head.length + tail.length;
  const close = (): void => {
    if (current.length === 0) return;
    batches.push({ logs: current, payload: `${head}${parts.join(',')}${tail}` });
    parts = [];
    current = [];
    size = head.length + tail.length;
  };
  logs.forEach((log, index) => {
    const text = JSON.stringify(log) ?? 'null';
    const bytes = Buffer.byteLength(text);
    const alone = head.length + tail.length + bytes;
    if (alone > ASYNC_PAYLOAD_LIMIT) {
      oversized.push({ index, bytes });
      return;
    }
    if (current.length > 0 && size + 1 + bytes > maxBytes) close();
    parts.push(text);
    current.push(log);
    size += bytes + (current.length > 1 ? 1 : 0);
    if (alone > maxBytes) close();
  });
  close();
  return { batches, oversized };
}

type LambdaSdk = typeof import('./app-sdk.lazy');

/** Sends to `functionName` (with its qualifier, `name:production`) by asynchronous Invoke. */
export function createLambdaSender(functionName: string, region?: string): PayloadSender {
  let client: Promise<{ readonly lambda: InstanceType<LambdaSdk['LambdaClient']>; readonly sdk: LambdaSdk }> | undefined;
  return async (payload) => {
    client ??= import('./app-sdk.lazy').then((sdk) => ({ sdk, lambda: new sdk.LambdaClient(region ? { region } : {}) }));
    const { lambda, sdk } = await client;
    let status: number | undefined;
    try {
      const [name, qualifier] = functionName.split(':');
      const out = await lambda.send(
        new sdk.InvokeCommand({ FunctionName: name, Qualifier: qualifier, InvocationType: 'Event', Payload: Buffer.from(payload) }),
      );
      status = out.StatusCode;
    } catch (err) {
      throw new AppSendError(`invoking ${functionName} failed: ${err instanceof Error ? err.message : String(err)}`, err);
    }
    if (status !== 202) throw new AppSendError(`invoking ${functionName} answered ${String(status)}, expected 202`);
  };
}
