/**
 * Sending one alert to one output: find the service, its descriptor in outputs.json, its properties in SSM,
 * make the publication, and send within the timeout. Every failure is an {@link OutputResult}, never a throw.
 */
import { alertsTableName, dataBucketName, ALERT_HISTORY_PREFIX } from '../config/names';
import type { Config } from '../config/types';
import { errorMessage } from '../errors';
import type { Logger } from '../logger';
import { composePublication } from '../publishers/compose';
import type { Publication } from '../publishers/types';
import type { Alert } from '../rules/types';
import { getOutput, parseOutputName } from './registry';
import type { SecretSource } from './secrets';
import { alertObjectKey } from './aws/aws-s3';
import type { OutputResult } from './types';

/** What {@link deliverToOutput} needs. */
export interface DeliveryContext {
  readonly config: Pick<Config, 'account' | 'outputs'>;
  readonly secrets: SecretSource;
  readonly timeoutMs: number;
  readonly logger: Logger;
  /** Messages of this alert the output accepted in earlier attempts (Slack), so they are not sent again. */
  readonly resumeAt?: number;
  /** Told the number of messages accepted so far, after each one. */
  readonly onProgress?: (accepted: number) => void;
}

/**
 * Where the full record of `alert` is kept, for outputs that must shorten it: the objects its aws-s3 outputs
 * write, the alert history when it goes to `aws-firehose:alerts`, and always the alerts table until every
 * output has it.
 */
export function recordLocation(alert: Alert, config: Pick<Config, 'account' | 'outputs'>): string {
  const places: string[] = [];
  for (const output of alert.outputs) {
    const at = output.indexOf(':');
    const service = output.slice(0, at);
    const descriptor = output.slice(at + 1);
    const resource = config.outputs[service]?.[descriptor];
    if (service === 'aws-s3' && typeof resource === 'string' && resource !== '') places.push(`s3://${resource.replace(/^arn:[^:]*:s3:::/, '')}/${alertObjectKey(alert)}`);
    if (service === 'aws-firehose' && descriptor === 'alerts') places.push(`alert history s3://${dataBucketName(config)}/${ALERT_HISTORY_PREFIX}/ (Athena table "alerts")`);
  }
  places.push(`alerts table ${alertsTableName(config)} until delivered`);
  return `alert ${alert.alert_id} (rule ${alert.rule_name}); full record: ${places.join(', ')}`;
}

const fail = (error: string, retryable: boolean): OutputResult => ({ ok: false, retryable, error });

/** Sends `alert` to `output` (`service:descriptor`). */
export async function deliverToOutput(alert: Alert, output: string, ctx: DeliveryContext): Promise<OutputResult> {
  let name;
  try {
    name = parseOutputName(output);
  } catch (err) {
    return fail(errorMessage(err), false);
  }
  const service = getOutput(name.service);
  if (service === undefined) return fail(`output service '${name.service}' does not exist in this version`, false);
  const descriptors = ctx.config.outputs[name.service];
  if (descriptors === undefined || !Object.prototype.hasOwnProperty.call(descriptors, name.descriptor)) {
    return fail(`output ${output} is not configured in outputs.json`, false);
  }
  let properties: Readonly<Record<string, string>> = {};
  if (service.properties.length > 0) {
    try {
      const found = await ctx.secrets.get(name.service, name.descriptor);
      // A missing parameter may be created later (`streamalert output set`): retried until the alert is dead-lettered.
      if (found === undefined) return fail(`output ${output} has no SSM parameter (set it with: streamalert output set ${name.service} --descriptor ${name.descriptor})`, true);
      properties = found;
    } catch (err) {
      return fail(`reading the SSM parameter of ${output} failed: ${errorMessage(err)}`, true);
    }
  }
  let publication: Publication;
  try {
    publication = composePublication(alert, name.service, name.descriptor);
  } catch (err) {
    // Retryable: a fixed publisher takes effect with the next deploy; past the limits the alert is dead-lettered.
    return fail(errorMessage(err), true);
  }
  const context = {
    descriptor: name.descriptor,
    resource: descriptors[name.descriptor] ?? undefined,
    properties,
    publication,
    account: ctx.config.account,
    timeoutMs: ctx.timeoutMs,
    logger: ctx.logger,
    recordPointer: recordLocation(alert, ctx.config),
    ...(ctx.resumeAt === undefined ? {} : { resumeAt: ctx.resumeAt }),
    ...(ctx.onProgress === undefined ? {} : { onProgress: ctx.onProgress }),
  };
  let timer: NodeJS.Timeout | undefined;
  // A hard stop a little after the output's own timeout, for an output that ignores its abort signal.
  const hardStop = new Promise<OutputResult>((resolve) => {
    timer = setTimeout(() => resolve(fail(`${output}: no answer within ${ctx.timeoutMs} ms`, true)), ctx.timeoutMs + 1000);
  });
  try {
    return await Promise.race([
      service.send(alert, context).catch((err: unknown) => fail(`${output} threw: ${errorMessage(err)}`, true)),
      hardStop,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** What one output would receive, for local runs (`lambda test`, `process --rules`): nothing is sent. */
export interface OutputPreview {
  readonly output: string;
  readonly publication?: Publication;
  /** Why there is no publication (unknown service, bad publisher...). */
  readonly error?: string;
}

/** The publication of every output of `alert` (after its publishers), without sending anything. */
export function previewOutputs(alert: Alert, compose: typeof composePublication = composePublication): OutputPreview[] {
  return alert.outputs.map((output) => {
    try {
      const { service, descriptor } = parseOutputName(output);
      return { output, publication: compose(alert, service, descriptor) };
    } catch (err) {
      return { output, error: errorMessage(err) };
    }
  });
}
