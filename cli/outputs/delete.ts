/** `streamalert output delete <service:descriptor>`: removes the SSM parameter and the outputs.json entry. */
import { loadConfig } from '../../runtime/config';
import { UsageError } from '../../runtime/errors';
import { parseOutput } from './names';
import type { CommandContext } from '../context';
import { readOutputs, removeDescriptor, writeOutputs } from './outputs-file';
import { requireService } from './set';
import { createSsmClient, deleteDescriptorParameter } from './ssm';
import type { OutputDeleteOptions } from './types';

/** Does the work of `output delete`. */
export async function deleteOutput(ctx: CommandContext, options: OutputDeleteOptions): Promise<void> {
  const { service, descriptor } = parseOutput(options.output);
  const output = requireService(service);
  const config = loadConfig(options.configDir);
  const document = readOutputs(options.configDir);
  let parameterDeleted = false;
  if (!output.resourceInConfig) {
    parameterDeleted = await deleteDescriptorParameter(options.ssm ?? createSsmClient(config.account.region), config, service, descriptor);
  }
  const removed = removeDescriptor(document, service, descriptor);
  if (!removed && !parameterDeleted) throw new UsageError(`output ${options.output} is not configured`, 'see `streamalert output list`');
  if (removed) writeOutputs(options.configDir, document);
  ctx.io.info(`deleted ${options.output}${parameterDeleted ? ' (SSM parameter removed)' : ''}${removed ? '' : ' (it was not in outputs.json)'}`);
  ctx.io.result({ ok: true, output: options.output, parameter_deleted: parameterDeleted, removed_from_outputs_json: removed });
}
