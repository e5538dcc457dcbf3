/**
 * The publisher registry: `publisher(name, fn)` registers at module load (rules/publishers/*.ts and the
 * community publishers), the alert processor looks publishers up by the names alerts carry.
 */
import { PublisherError } from './errors';
import { DEFAULT_PUBLISHER_NAME, type Publisher, type PublisherFunction } from './types';

const registry = new Map<string, Publisher>();
const NAME = /^[A-Za-z_][A-Za-z0-9_.:-]*$/;

/**
 * Registers a publisher under a unique name and returns it, to list in a rule's `publishers`.
 * Registering the same function again under its name is harmless (a module loaded twice); another
 * function under a taken name is an error.
 * @throws PublisherError for a bad name, a taken name or a body that is not a function.
 * @example
 * export const addOwner = publisher('rules.publishers.add_owner', (alert, publication) => ({
 *   ...publication,
 *   owner: alert.context.owner ?? 'security',
 * }));
 * rule({ logs: ['cloudtrail:events'], outputs: ['slack:security'], publishers: { slack: [addOwner] } })(...);
 */
export function publisher(name: string, fn: PublisherFunction): Publisher {
  if (typeof name !== 'string' || !NAME.test(name)) {
    throw new PublisherError(`publisher name ${JSON.stringify(name)} is not valid`, 'use letters, digits, dots, dashes and underscores (rules.publishers.my_publisher)');
  }
  if (typeof fn !== 'function') throw new PublisherError(`publisher '${name}' must be a function (alert, publication) => publication`);
  const existing = registry.get(name);
  if (existing !== undefined) {
    if (existing.fn === fn) return existing;
    throw new PublisherError(`publisher '${name}' is registered twice`, 'give each publisher its own name');
  }
  const entry: Publisher = Object.freeze({ name, fn });
  registry.set(name, entry);
  return entry;
}

/** The publisher registered under `name`, if any. */
export function getPublisher(name: string): Publisher | undefined {
  return registry.get(name);
}

/** Names of every registered publisher, sorted. */
export function publisherNames(): string[] {
  return [...registry.keys()].sort();
}

/** Forgets every publisher but the default one (tests that register their own). */
export function clearPublishers(): void {
  for (const name of [...registry.keys()]) if (name !== DEFAULT_PUBLISHER_NAME) registry.delete(name);
}
