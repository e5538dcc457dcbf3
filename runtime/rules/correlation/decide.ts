/** Deciding whether a group's window fires: a pure function of the group's state and the new event. */
import type { CorrelationEvent, CorrelationSpec, CorrelationState } from './types';

/** What a new event does to its group. */
export type Decision =
  /** Nothing yet. */
  | { readonly fire: false }
  /** The window fires: `events` made it. `again` when the event already fired once (a retried batch). */
  | { readonly fire: true; readonly events: readonly CorrelationEvent[]; readonly again: boolean };

function orderedMatch(events: readonly CorrelationEvent[], rules: readonly string[]): boolean {
  let next = 0;
  for (const e of [...events].sort((a, b) => a.t - b.t)) {
    if (e.rule === rules[next]) next += 1;
    if (next === rules.length) return true;
  }
  return false;
}

function measure(spec: CorrelationSpec, window: readonly CorrelationEvent[]): number {
  switch (spec.type) {
    case 'event_count':
      return window.length;
    case 'value_count':
      return new Set(window.flatMap((e) => e.values ?? [])).size;
    case 'temporal':
      return spec.rules.every((r) => window.some((e) => e.rule === r)) ? 1 : 0;
    case 'temporal_ordered':
      return orderedMatch(window, spec.rules) ? 1 : 0;
  }
}

function holds(spec: CorrelationSpec, n: number): boolean {
  if (spec.type === 'temporal' || spec.type === 'temporal_ordered') return n === 1;
  const { op, count } = spec.condition;
  return op === 'gt' ? n > count : op === 'gte' ? n >= count : n === count;
}

/**
 * Whether `event`, just added to its group, fires the group's window: the events within the time span before it
 * that no earlier firing used up. A group fires once per `count` events, whichever invocation sees the last one.
 */
export function decide(spec: CorrelationSpec, state: CorrelationState, event: CorrelationEvent): Decision {
  const { marker } = state;
  const inSpan = (e: CorrelationEvent) => e.t >= event.t - spec.timespan_ms && e.t <= event.t;
  if (marker !== undefined && marker.trigger === event.id) {
    return { fire: true, events: state.events.filter((e) => inSpan(e) && e.t <= marker.through), again: true };
  }
  const after = marker?.through ?? -Infinity;
  const window = state.events.filter((e) => inSpan(e) && e.t > after);
  return holds(spec, measure(spec, window)) ? { fire: true, events: window, again: false } : { fire: false };
}
