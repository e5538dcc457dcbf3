/**
 * `streamalert output set <service> --descriptor <name>`: asks for the descriptor's properties (secret ones
 * with echo off) or reads them as JSON from stdin, writes them to SSM as one SecureString encrypted with the
 * project's KMS key, and adds the descriptor to outputs.json. Values never come from argv and are never printed.
 */
import { loadConfig } from '../../runtime/config';
import { UsageError } from '../../runtime/errors';
import '../../runtime/outputs/all';
import { isLoopbackHost } from '../../runtime/outputs/http';
import { getOutput, outputServices } from '../../runtime/outputs/registry';
import type { OutputProperty, OutputService } from '../../runtime/outputs/types';
import type { CommandContext } from '../context';
import { putDescriptor, readOutputs, writeOutputs } from './outputs-file';
import { readAllStdin, terminalPrompter, type Prompter } from './prompt';
import { createSsmClient, putDescriptorParameter } from './ssm';
import type { OutputSetOptions } from './types';

const DESCRIPTOR = /^[A-Za-z0-9_.:-]{1,64}$/;

/** The output service of that name, or a usage error listing the known ones. */
export function requireService(name: string): OutputService {
  const service = getOutput(name);
  if (!service) throw new UsageError(`unknown output service "${name}"`, `known services: ${outputServices().join(', ')}`);
  return service;
}

/** Checks a JSON object of properties from stdin against the service's properties. */
export function parseStdinProperties(text: string, service: OutputService): Record<string, string> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    // The text may hold secrets: never quote it.
    throw new UsageError('stdin is not valid JSON', `pipe a JSON object such as {"${service.properties[0]?.name ?? 'url'}": "..."}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new UsageError('stdin must hold a JSON object of properties');
  const known = new Set(service.properties.map((p) => p.name));
  const unknown = Object.keys(value).filter((k) => !known.has(k));
  if (unknown.length > 0) throw new UsageError(`unknown properties for ${service.service}: ${unknown.join(', ')}`, `expected: ${[...known].join(', ')}`);
  const out: Record<string, string> = {};
  for (const [key, v] of Object.entries(value)) {
    if (typeof v !== 'string') throw new UsageError(`property "${key}" must be a string`);
    if (v.trim() !== '') out[key] = v.trim();
  }
  return checkRequired(out, service);
}

function checkRequired(values: Record<string, string>, service: OutputService): Record<string, string> {
  const missing = service.properties.filter((p) => p.required !== false && !(p.name in values)).map((p) => p.name);
  if (missing.length > 0) throw new UsageError(`missing required properties for ${service.service}: ${missing.join(', ')}`);
  return values;
}

async function promptProperties(prompter: Prompter, properties: readonly OutputProperty[], service: OutputService): Promise<Record<string, string>> {
  const values: Record<string, string> = {};
  for (const property of properties) {
    const optional = property.required === false ? ' (optional, Enter to skip)' : '';
    const answer = (await prompter.ask({ label: `${property.name}: ${property.description}${optional}`, secret: property.secret })).trim();
    if (answer !== '') values[property.name] = answer;
    else if (property.required !== false) throw new UsageError(`property "${property.name}" is required`);
  }
  return checkRequired(values, service);
}

/**
 * Properties holding an http:// URL to a host other than loopback, for a service with credentials (its
 * secrets would be sent in clear text).
 */
export function plainHttpProperties(values: Readonly<Record<string, string>>, service: OutputService): string[] {
  if (!service.properties.some((p) => p.secret)) return [];
  return Object.entries(values)
    .filter(([, value]) => {
      if (!/^http:\/\//i.test(value)) return false;
      try {
        return !isLoopbackHost(new URL(value).hostname);
      } catch {
        return true;
      }
    })
    .map(([name]) => name)
    .sort();
}

/** Does the work of `output set`. */
export async function setOutput(ctx: CommandContext, options: OutputSetOptions): Promise<void> {
  const service = requireService(options.service);
  if (!DESCRIPTOR.test(options.descriptor)) {
    throw new UsageError(`descriptor "${options.descriptor}" is not valid`, 'use 1-64 letters, digits, dots, dashes, underscores or colons');
  }
  const config = loadConfig(options.configDir);
  const document = readOutputs(options.configDir);
  if (service.resourceInConfig) {
    if (!options.resource) throw new UsageError(`${service.service} is configured by resource: pass --resource <name> (bucket, topic, queue, stream or function)`);
    const added = putDescriptor(document, service.service, options.descriptor, options.resource);
    writeOutputs(options.configDir, document);
    ctx.io.info(`${added ? 'added' : 'updated'} ${service.service}:${options.descriptor} -> ${options.resource} in outputs.json (no secrets needed)`);
    ctx.io.result({ ok: true, output: `${service.service}:${options.descriptor}`, resource: options.resource });
    return;
  }
  if (options.resource) throw new UsageError(`${service.service} takes no --resource: its properties are kept in SSM`);
  const values = options.fromStdin
    ? parseStdinProperties(await (options.readStdin ?? readAllStdin)(), service)
    : await promptProperties(options.prompter ?? terminalPrompter(), service.properties, service);
  const plain = plainHttpProperties(values, service);
  if (plain.length > 0 && options.allowHttp !== true) {
    throw new UsageError(
      `${service.service}:${options.descriptor}: ${plain.join(', ')} ${plain.length === 1 ? 'is an' : 'are'} http:// URL${plain.length === 1 ? '' : 's'}: this output's credentials would cross the network in clear text`,
      'use https://, or pass --allow-http to accept the risk',
    );
  }
  if (plain.length > 0) {
    values.allow_http = 'yes';
    ctx.io.warn(`${service.service}:${options.descriptor}: credentials will be sent over plain http (${plain.join(', ')}), as --allow-http asks`);
  }
  const ssm = options.ssm ?? createSsmClient(config.account.region);
  const parameter = await putDescriptorParameter(ssm, config, service.service, options.descriptor, values);
  const added = putDescriptor(document, service.service, options.descriptor);
  writeOutputs(options.configDir, document);
  ctx.io.info(`stored ${Object.keys(values).length} propert${Object.keys(values).length === 1 ? 'y' : 'ies'} of ${service.service}:${options.descriptor} in SSM ${parameter} (SecureString)`);
  ctx.io.info(`${added ? 'added' : 'kept'} ${service.service}:${options.descriptor} in outputs.json`);
  ctx.io.result({ ok: true, output: `${service.service}:${options.descriptor}`, parameter, properties: Object.keys(values).sort() });
}
