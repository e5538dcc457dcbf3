/**
 * The output registry (contract name from CONTRACTS.md; the alert pipeline's version replaces this file on
 * merge): one {@link OutputService} per StreamAlert service name.
 */
import { StreamAlertError } from '../errors';
import type { OutputService } from './types';

const outputs = new Map<string, OutputService>();

/** Registers an output service; a second service of the same name is an error. */
export function registerOutput(service: OutputService): void {
  const existing = outputs.get(service.service);
  if (existing && existing !== service) {
    throw new StreamAlertError('DuplicateOutput', `output service "${service.service}" is registered twice`, { source: 'internal' });
  }
  outputs.set(service.service, service);
}

/** The output service of that name, or undefined. */
export function getOutput(service: string): OutputService | undefined {
  return outputs.get(service);
}

/** Every registered service name, sorted. */
export function outputServiceNames(): string[] {
  return [...outputs.keys()].sort();
}
