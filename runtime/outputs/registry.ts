/**
 * The output registry: each output module registers its {@link OutputService} under StreamAlert's service
 * name (runtime/outputs/all.ts imports them all); the alert processor and the CLI look services up here.
 */
import { OutputError } from './errors';
import type { OutputService } from './types';

const services = new Map<string, OutputService>();

/**
 * Registers an output service. Registering the same object again is harmless; another object under a taken
 * service name is an error.
 * @throws OutputError for an empty name, a duplicate, or a service without `send`.
 */
export function registerOutput(service: OutputService): void {
  if (typeof service.service !== 'string' || !/^[a-z0-9][a-z0-9-]*$/.test(service.service)) {
    throw new OutputError(`output service name ${JSON.stringify(service.service)} is not valid (lower-case letters, digits and dashes)`);
  }
  if (typeof service.send !== 'function') throw new OutputError(`output service '${service.service}' has no send function`);
  const existing = services.get(service.service);
  if (existing !== undefined && existing !== service) throw new OutputError(`output service '${service.service}' is registered twice`);
  services.set(service.service, service);
}

/** The output service registered under `service`, if any. */
export function getOutput(service: string): OutputService | undefined {
  return services.get(service);
}

/** Names of every registered output service, sorted. */
export function outputServices(): string[] {
  return [...services.keys()].sort();
}

/** An output as rules name it: `service:descriptor`. */
export interface OutputName {
  readonly service: string;
  readonly descriptor: string;
}

/**
 * Splits `service:descriptor` at its first colon (descriptors may hold colons, services never do).
 * @throws OutputError when either part is empty.
 */
export function parseOutputName(output: string): OutputName {
  const at = output.indexOf(':');
  if (at <= 0 || at === output.length - 1) {
    throw new OutputError(`output ${JSON.stringify(output)} is not of the form service:descriptor`, "name outputs like 'aws-s3:alerts-bucket'");
  }
  return { service: output.slice(0, at), descriptor: output.slice(at + 1) };
}
