/**
 * `streamalert output test <service:descriptor>`: sends a sample alert through the alert processor's own
 * delivery code (`deliverToOutput`: registry, outputs.json, SSM properties, publishers, the output with its
 * timeout) and prints the result. Exit 1 when the output fails.
 */
import { randomUUID } from 'node:crypto';
import { loadConfig } from '../../runtime/config';
import { outputsSsmPrefix } from '../../runtime/config/names';
import { ExitCode, UsageError } from '../../runtime/errors';
import { createLogger } from '../../runtime/logger';
import '../../runtime/outputs/all';
import { deliverToOutput } from '../../runtime/outputs/deliver';
import { createSsmSecrets, type SecretSource } from '../../runtime/outputs/secrets';
import type { OutputResult } from '../../runtime/outputs/types';
import type { Alert } from '../../runtime/rules/types';
import { suppressNodeVersionWarning } from '../aws/clients';
import type { CommandResult, CommandContext } from '../context';
import { parseOutput } from './names';
import { readAllStdin } from './prompt';
import { parseStdinProperties, requireService } from './set';
import type { OutputTestOptions } from './types';

/** The alert `output test` sends. */
export function sampleTestAlert(output: string, now = new Date()): Alert {
  return {
    alert_id: `streamalert-output-test-${randomUUID()}`,
    rule_name: 'streamalert_output_test',
    rule_description: 'A test alert sent by `streamalert output test`: the output works if you can read this.',
    severity: 'info',
    title: 'StreamAlert output test',
    log_type: 'streamalert:output_test',
    log_source: { service: 'streamalert_app', resource: 'streamalert-output-test' },
    cluster: 'cli',
    record: { message: 'test alert from streamalert output test', output, sent_at: now.toISOString() },
    outputs: [output],
    context: {},
    merge_by_keys: [],
    merge_window_mins: 0,
    created: now.toISOString(),
  };
}

/** Does the work of `output test`. */
export async function testOutput(ctx: CommandContext, options: OutputTestOptions): Promise<CommandResult> {
  const { service, descriptor } = parseOutput(options.output);
  if (options.timeoutMs !== undefined && !(Number.isFinite(options.timeoutMs) && options.timeoutMs > 0)) {
    throw new UsageError('--timeout must be a positive number of seconds');
  }
  const loaded = loadConfig(options.configDir);
  const output = `${service}:${descriptor}`;
  // --from-stdin: the properties come from stdin and the descriptor counts as declared; nothing touches AWS.
  const local = options.fromStdin === true ? parseStdinProperties(await (options.readStdin ?? readAllStdin)(), requireService(service)) : undefined;
  const config = local === undefined ? loaded : { ...loaded, outputs: { ...loaded.outputs, [service]: { ...(loaded.outputs[service] ?? {}), [descriptor]: null } } };
  const timeoutMs = options.timeoutMs ?? config.global.alerts.processor.output_timeout_seconds * 1000;
  const logger = createLogger({ level: ctx.io.debugEnabled ? 'debug' : 'warn', write: (line) => ctx.io.debug(line) });
  suppressNodeVersionWarning(process.env);
  const secrets: SecretSource =
    local === undefined ? createSsmSecrets({ prefix: outputsSsmPrefix(config), region: config.account.region, ttlSeconds: 0 }) : { get: async () => local };
  const result: OutputResult = await deliverToOutput(sampleTestAlert(output), output, { config, secrets, timeoutMs, logger });
  if (result.ok) {
    ctx.io.info(`ok: ${output}${result.detail ? `: ${result.detail}` : ''}`);
  } else {
    ctx.io.error(`${output} failed (${result.retryable ? 'retryable: the alert processor would try again' : 'permanent'}): ${result.error}`);
  }
  ctx.io.result({ output, ...result });
  return result.ok ? ExitCode.Ok : ExitCode.Runtime;
}
