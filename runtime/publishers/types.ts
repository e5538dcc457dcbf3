/**
 * Publishers (StreamAlert v3's alert publishers): functions that reshape what one output receives.
 * A rule names them in `publishers`, for every output (a list) or per output (`{ 'slack': [...],
 * 'slack:security': [...] }`); for one output, those of its service run first, then those of
 * `service:descriptor`, in order, each getting the alert and the previous publication. As in StreamAlert,
 * the chain starts from an empty publication; an output with no publishers gets the default publisher's
 * result ({@link DEFAULT_PUBLISHER_NAME}), which a chain may also list first. Alerts store publisher names
 * (they live in DynamoDB), so a publisher is registered once under a unique name.
 */
import type { Alert } from '../rules/types';

/** What an output sends: a plain JSON object. */
export type Publication = Readonly<Record<string, unknown>>;

/** The body of a publisher. Must not mutate its arguments (it gets a copy of the publication, as in StreamAlert). */
export type PublisherFunction = (alert: Alert, publication: Publication) => Publication;

/** A registered publisher. */
export interface Publisher {
  /** Unique name ('publishers.community.generic.add_record' style names of StreamAlert are kept where ported). */
  readonly name: string;
  readonly fn: PublisherFunction;
}

/** One publisher in a rule's `publishers`: the publisher itself, or the name it was registered under. */
export type PublisherRef = Publisher | string;

/** How a rule declares publishers: for all outputs, or per `service` / `service:descriptor`. */
export type PublisherSpec = readonly PublisherRef[] | Readonly<Record<string, readonly PublisherRef[] | PublisherRef>>;

/** Publishers as an alert stores them: names only, for all outputs or per `service` / `service:descriptor`. */
export type AlertPublishers = readonly string[] | Readonly<Record<string, readonly string[]>>;

/** Name of StreamAlert's default publisher (the alert as a dict), kept so imported rules can name it. */
export const DEFAULT_PUBLISHER_NAME = 'streamalert.shared.publisher.DefaultPublisher';
