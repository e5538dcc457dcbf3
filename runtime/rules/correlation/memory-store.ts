/** Correlation state in memory: `lambda test` and `process` backtests (one process sees every event). */
import type { CorrelationEvent, CorrelationMarker, CorrelationState, CorrelationStore } from './types';

interface Group {
  readonly events: Map<string, CorrelationEvent>;
  marker?: CorrelationMarker;
}

/** A store whose operations complete synchronously (so local runs evaluate correlations record by record). */
export interface MemoryCorrelationStore extends CorrelationStore {
  add(group: string, event: CorrelationEvent, windowStart: number): CorrelationState;
  fire(group: string, expected: CorrelationMarker | undefined, next: CorrelationMarker): boolean;
}

/** A new, empty in-memory store. Events older than every window are dropped as groups are touched. */
export function createMemoryCorrelationStore(): MemoryCorrelationStore {
  const groups = new Map<string, Group>();
  return {
    add(group, event, windowStart) {
      let g = groups.get(group);
      if (g === undefined) {
        g = { events: new Map() };
        groups.set(group, g);
      }
      if (!g.events.has(event.id)) g.events.set(event.id, event);
      for (const [id, e] of g.events) if (e.t < windowStart) g.events.delete(id);
      return { events: [...g.events.values()], ...(g.marker ? { marker: g.marker } : {}) };
    },
    fire(group, expected, next) {
      const g = groups.get(group);
      if (g === undefined) return false;
      if (g.marker?.through !== expected?.through || g.marker?.trigger !== expected?.trigger) return false;
      g.marker = next;
      return true;
    },
  };
}
