/**
 * Composition: which publishers run for one output, and the publication they make. Rule options hold
 * publishers (or names); alerts hold names only ({@link AlertPublishers}).
 */
import { errorMessage } from '../errors';
import type { Alert } from '../rules/types';
import { defaultPublication } from './default';
import { PublisherError } from './errors';
import { getPublisher } from './registry';
import type { AlertPublishers, Publication, PublisherRef, PublisherSpec } from './types';

const nameOf = (ref: PublisherRef): string => (typeof ref === 'string' ? ref : ref.name);

/**
 * A rule's `publishers` option as an alert stores it (names). A single publisher where a list is expected
 * is taken as a list of one, as StreamAlert does.
 * @throws PublisherError naming the rule when the option has the wrong shape.
 */
export function publisherNamesOf(spec: PublisherSpec | PublisherRef, rule: string): AlertPublishers {
  const isRef = (v: unknown): v is PublisherRef =>
    typeof v === 'string' || (typeof v === 'object' && v !== null && typeof (v as { name?: unknown }).name === 'string' && typeof (v as { fn?: unknown }).fn === 'function');
  const list = (v: unknown, where: string): string[] => {
    const items = Array.isArray(v) ? v : [v];
    return items.map((item, i) => {
      if (!isRef(item)) {
        throw new PublisherError(`rule '${rule}': publishers${where}[${i}] is neither a publisher nor a publisher name`, 'declare it with publisher(name, fn) and list the result');
      }
      return nameOf(item);
    });
  };
  if (Array.isArray(spec) || isRef(spec)) return list(spec, '');
  if (typeof spec !== 'object' || spec === null) throw new PublisherError(`rule '${rule}': publishers must be a list or an object keyed by output, got ${typeof spec}`);
  return Object.fromEntries(Object.entries(spec).map(([output, refs]) => [output, list(refs, `.${output}`)]));
}

/** Names of the publishers that run for `service:descriptor`, in order (service ones first, as in StreamAlert). */
export function publishersForOutput(publishers: AlertPublishers | undefined, service: string, descriptor: string): string[] {
  if (publishers === undefined) return [];
  if (Array.isArray(publishers)) return [...(publishers as readonly string[])];
  const byOutput = publishers as Readonly<Record<string, readonly string[]>>;
  return [...(byOutput[service] ?? []), ...(byOutput[`${service}:${descriptor}`] ?? [])];
}

/**
 * What `service:descriptor` receives for `alert`: its publishers applied in order to an empty publication
 * (each gets a copy), or the default publication when it has none.
 * @throws PublisherError when a name is not registered or a publisher throws or returns something not an object.
 */
export function composePublication(alert: Alert, service: string, descriptor: string): Publication {
  const names = publishersForOutput(alert.publishers as AlertPublishers | undefined, service, descriptor);
  if (names.length === 0) return defaultPublication(alert);
  let publication: Publication = {};
  for (const name of names) {
    const found = getPublisher(name);
    if (found === undefined) {
      throw new PublisherError(`publisher '${name}' (rule '${alert.rule_name}', output ${service}:${descriptor}) is not registered`, 'declare it with publisher(name, fn) in a file the rules import (rules/publishers/)');
    }
    let next: unknown;
    try {
      next = found.fn(alert, structuredClone(publication) as Publication);
    } catch (err) {
      throw new PublisherError(`publisher '${name}' threw for rule '${alert.rule_name}' (output ${service}:${descriptor}): ${errorMessage(err)}`);
    }
    if (typeof next !== 'object' || next === null || Array.isArray(next)) {
      throw new PublisherError(`publisher '${name}' returned ${next === null ? 'null' : Array.isArray(next) ? 'an array' : typeof next}, not a publication object`);
    }
    publication = next as Publication;
  }
  return publication;
}
