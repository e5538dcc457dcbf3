/** `--source`, `--rules` and `--classify-only`: which test events run, and how. */
import type { TestEvent } from './types';

/** Options that select test events. */
export interface EventFilter {
  /** Keep the events of this service. */
  readonly source?: string;
  /** Keep the events that name one of these rules. */
  readonly rules?: readonly string[];
  /** Check only the log type. */
  readonly classifyOnly?: boolean;
}

/** The events the filter keeps, with `classifyOnly` applied. */
export function filterEvents(events: readonly TestEvent[], filter: EventFilter): TestEvent[] {
  return events
    .filter((e) => filter.source === undefined || e.service === filter.source)
    .filter((e) => !filter.rules || filter.rules.length === 0 || (e.expectedRules ?? []).some((r) => filter.rules?.includes(r)))
    .map((e) => (filter.classifyOnly ? { ...e, classifyOnly: true } : e));
}
