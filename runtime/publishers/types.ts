/**
 * Publishers (StreamAlert v3's alert publishers): functions that reshape what one output receives.
 * A rule names them in `publishers`, for every output (a list) or per output (`{ 'slack': [...],
 * 'slack:security': [...] }`); they run in order, each getting the alert and the previous publication,
 * starting from the default publisher's result. Alerts store publisher names, so a publisher is registered
 * once under a unique name.
 */
import type { Alert } from '../rules/types';

/** What an output sends: a plain JSON object. */
export type Publication = Readonly<Record<string, unknown>>;

/** The body of a publisher. Must not mutate its arguments. */
export type PublisherFunction = (alert: Alert, publication: Publication) => Publication;

/** A registered publisher. */
export interface Publisher {
  /** Unique name ('publishers.community.generic.add_record' style names of StreamAlert are kept where ported). */
  readonly name: string;
  readonly fn: PublisherFunction;
}

/** How a rule declares publishers: for all outputs, or per `service` / `service:descriptor`. */
export type PublisherSpec = readonly Publisher[] | Readonly<Record<string, readonly Publisher[]>>;
