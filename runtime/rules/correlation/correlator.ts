/**
 * The correlator: base-rule matches in, correlation alerts out. Local runs use the in-memory store and decide
 * record by record; the deployed rule processor collects the matches of a chunk and settles them against the
 * DynamoDB store before the chunk's alerts are written.
 */
import { createHash } from 'node:crypto';
import type { ClassifiedRecord } from '../../classifier/types';
import { canonicalJson } from '../../json';
import { silentLogger, type Logger } from '../../logger';
import { errorMessage } from '../../errors';
import { buildAlert } from '../alert';
import { getPath } from '../helpers/lookup';
import type { Alert, RuleDefinition } from '../types';
import { decide, type Decision } from './decide';
import { eventTime } from './time';
import type { CorrelationEvent, CorrelationSpec, CorrelationState, CorrelationStore } from './types';

/** Records kept whole in the state (and on the alert) up to this size; larger ones by id only. */
export const MAX_KEPT_RECORD_BYTES = 4096;
/** Records shown whole on a correlation alert (the rest by id). */
export const MAX_ALERT_EVENTS = 10;
/** Attempts when another writer fires the same group at the same time. */
const FIRE_ATTEMPTS = 4;
/** State outlives its window by this much (clock skew between invocations). */
const TTL_MARGIN_SECONDS = 3600;

/** A correlation rule and the spec it runs. */
export interface CorrelationRule {
  readonly rule: RuleDefinition;
  readonly spec: CorrelationSpec;
}

/** Options of {@link createCorrelator}. */
export interface CorrelatorOptions {
  readonly store: CorrelationStore;
  /** Decide at once, inside `observe` (the store must answer synchronously, as the memory store does). */
  readonly immediate: boolean;
  readonly cluster: string;
  readonly now: () => Date;
  /** @default silentLogger */
  readonly logger?: Logger;
}

/** Counters since the correlator was created. */
export interface CorrelatorStats {
  readonly events: number;
  readonly alerts: number;
}

/** The correlator of one rules engine. */
export interface Correlator {
  /** A base rule matched `event`: feeds `target`. Returns its alerts when deciding at once, else []. */
  observe(target: CorrelationRule, base: string, event: ClassifiedRecord): Alert[];
  /** Decides every match observed since the last call (deferred mode). @throws when the store fails */
  settle(): Promise<Alert[]>;
  stats(): CorrelatorStats;
}

interface Prepared {
  readonly target: CorrelationRule;
  readonly event: ClassifiedRecord;
  readonly group: string;
  readonly groupValues: Readonly<Record<string, unknown>>;
  readonly item: CorrelationEvent;
  readonly windowStart: number;
  readonly ttl: number;
}

function sha256(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('hex');
}

function fieldValue(spec: CorrelationSpec, base: string, event: ClassifiedRecord, field: string): unknown {
  const path = spec.paths?.[base]?.[event.log_type]?.[field] ?? field.split('.');
  return getPath(event.record, path, null);
}

/** Creates a correlator over a store. */
export function createCorrelator(options: CorrelatorOptions): Correlator {
  const logger = options.logger ?? silentLogger;
  const counts = { events: 0, alerts: 0 };
  let pending: Prepared[] = [];

  const prepare = (target: CorrelationRule, base: string, event: ClassifiedRecord): Prepared => {
    const { spec, rule } = target;
    const groupValues = Object.fromEntries(spec.group_by.map((f) => [f, fieldValue(spec, base, event, f)]));
    const json = canonicalJson(event.record);
    const t = eventTime(event.record, event.log_type, spec.time_field, options.now().getTime());
    const counted = spec.condition.field === undefined ? undefined : fieldValue(spec, base, event, spec.condition.field);
    const item: CorrelationEvent = {
      id: sha256([event.log_type, event.record]),
      t,
      rule: base,
      ...(counted !== null && counted !== undefined ? { values: (Array.isArray(counted) ? counted : [counted]).map((v) => canonicalJson(v)) } : {}),
      ...(json.length <= MAX_KEPT_RECORD_BYTES ? { record: json } : {}),
    };
    return {
      target,
      event,
      group: `${rule.name}#${sha256(spec.group_by.map((f) => groupValues[f]))}`,
      groupValues,
      item,
      windowStart: t - spec.timespan_ms,
      ttl: Math.ceil((t + spec.timespan_ms) / 1000) + TTL_MARGIN_SECONDS,
    };
  };

  const alertOf = (p: Prepared, decision: Extract<Decision, { fire: true }>): Alert => {
    const { rule, spec } = p.target;
    const events = [...decision.events].sort((a, b) => a.t - b.t);
    const summary = {
      rule: rule.name,
      type: spec.type,
      rules: spec.rules,
      group: p.groupValues,
      group_key: p.group,
      trigger: p.item.id,
      count: events.length,
      timespan_seconds: spec.timespan_ms / 1000,
      first: new Date(events[0]?.t ?? p.item.t).toISOString(),
      last: new Date(events[events.length - 1]?.t ?? p.item.t).toISOString(),
      event_ids: events.map((e) => e.id),
      events: events.slice(-MAX_ALERT_EVENTS).map((e) => (e.record === undefined ? { id: e.id, rule: e.rule } : { rule: e.rule, record: JSON.parse(e.record) as unknown })),
    };
    // One alert per firing: the group and the event that fired it identify it, so a retried batch pages once.
    const definition: RuleDefinition = { ...rule, options: { ...rule.options, dedup: ['correlation.group_key', 'correlation.trigger'] } };
    const event: ClassifiedRecord = { ...p.event, record: { correlation: summary } };
    const title = typeof rule.options.title === 'string' ? rule.options.title : rule.name;
    counts.alerts += 1;
    return buildAlert(definition, event, { cluster: options.cluster, outputs: [...(rule.options.outputs ?? [])], title, created: options.now() });
  };

  const decideSync = (p: Prepared): Alert[] => {
    const store = options.store;
    for (let attempt = 0; attempt < FIRE_ATTEMPTS; attempt += 1) {
      const state = store.add(p.group, p.item, p.windowStart, p.ttl) as CorrelationState;
      const decision = decide(p.target.spec, state, p.item);
      if (!decision.fire) return [];
      if (decision.again || (store.fire(p.group, state.marker, { through: p.item.t, trigger: p.item.id }, p.ttl) as boolean)) return [alertOf(p, decision)];
    }
    return [];
  };

  const decideAsync = async (p: Prepared): Promise<Alert[]> => {
    const store = options.store;
    for (let attempt = 0; attempt < FIRE_ATTEMPTS; attempt += 1) {
      const state = await store.add(p.group, p.item, p.windowStart, p.ttl);
      const decision = decide(p.target.spec, state, p.item);
      if (!decision.fire) return [];
      if (decision.again || (await store.fire(p.group, state.marker, { through: p.item.t, trigger: p.item.id }, p.ttl))) return [alertOf(p, decision)];
    }
    logger.warn('correlation group kept changing under concurrent writers; the next event decides it', { rule: p.target.rule.name });
    return [];
  };

  return {
    observe(target, base, event) {
      counts.events += 1;
      const p = prepare(target, base, event);
      if (options.immediate) return decideSync(p);
      pending.push(p);
      return [];
    },
    async settle() {
      const work = pending;
      pending = [];
      const alerts: Alert[] = [];
      try {
        for (const p of work) alerts.push(...(await decideAsync(p)));
      } catch (err) {
        logger.error('correlation state could not be updated; the batch fails and is retried', { error: errorMessage(err), events: work.length });
        throw err;
      }
      return alerts;
    },
    stats: () => ({ ...counts }),
  };
}

export type { CorrelationState };
