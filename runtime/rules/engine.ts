/**
 * The rules engine: for each classified record, run the rules for its log type (and those asking for its
 * normalized types): required subkeys, then matchers, then the rule. An exception in a matcher, a rule or a
 * dynamic output counts as no match, is logged with the rule name, and never stops the batch.
 */
import type { ClassifiedRecord } from '../classifier/types';
import { valuesOfType } from '../classifier/normalized-type';
import { errorMessage } from '../errors';
import { silentLogger, type Logger } from '../logger';
import { logFamily } from '../config/log-types';
import { buildAlert } from './alert';
import { isRecordShapeError } from './errors';
import { linkClassified } from './helpers/normalized';
import { setLookupTables, type LookupTables } from './lookup-tables';
import type { Alert, RuleDefinition } from './types';
import { correlationRules, createCorrelator, createMemoryCorrelationStore, type CorrelationStore, type CorrelatorStats } from './correlation';

/** Options of {@link createRulesEngine}. */
export interface RulesEngineOptions {
  /** Rules to run (from `loadRules()`); disabled ones are skipped. */
  readonly rules: readonly RuleDefinition[];
  /** Cluster name for alerts whose record source does not name one. */
  readonly cluster: string;
  /** @default silentLogger */
  readonly logger?: Logger;
  /** Lookup tables that `lookupTable()` reads. @default {} */
  readonly lookupTables?: LookupTables;
  /** @default () => new Date() */
  readonly now?: () => Date;
  /**
   * Where correlation (and threshold) state lives. `immediate` decides inside `evaluate` (the memory store);
   * otherwise matches are decided by `settle()`, which the rule processor awaits after each chunk.
   * @default an in-memory store, deciding at once (lambda test, process)
   */
  readonly correlation?: { readonly store: CorrelationStore; readonly immediate: boolean };
}

/** Counters since the engine was created. */
export interface RulesEngineStats {
  readonly records: number;
  readonly alerts: number;
  /** Exceptions thrown by rules, matchers and dynamic outputs. */
  readonly errors: number;
  /** Correlation events (base-rule matches feeding a correlation) and correlation alerts. */
  readonly correlation: CorrelatorStats;
}

/** Runs rules over classified records. Fits the rule processor's `evaluator`. */
export interface RulesEngine {
  readonly rules: readonly RuleDefinition[];
  /** The alerts for one record (empty when no rule matched). */
  evaluate(record: ClassifiedRecord): Alert[];
  /** The enabled rules that run on a log type. */
  rulesFor(logType: string): readonly RuleDefinition[];
  /** Decides the correlation matches collected since the last call; their alerts (none in immediate mode). */
  settle(): Promise<Alert[]>;
  stats(): RulesEngineStats;
}

function hasSubkeys(record: Readonly<Record<string, unknown>>, required: Readonly<Record<string, readonly string[]>>): boolean {
  return Object.entries(required).every(([key, subkeys]) => {
    const value = record[key];
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
    return subkeys.every((sub) => Object.prototype.hasOwnProperty.call(value, sub));
  });
}

/** Creates a rules engine over a set of rules. */
export function createRulesEngine(options: RulesEngineOptions): RulesEngine {
  const logger = options.logger ?? silentLogger;
  const now = options.now ?? (() => new Date());
  const active = options.rules.filter((r) => !r.disabled);
  // Correlation rules match no record themselves: their base rules feed them.
  const enabled = active.filter((r) => r.options.correlation === undefined);
  const wiring = correlationRules(active);
  const correlator = createCorrelator({
    ...(options.correlation ?? { store: createMemoryCorrelationStore(), immediate: true }),
    cluster: options.cluster,
    now,
    logger,
  });
  const byType = new Map<string, RuleDefinition[]>();
  const counts = { records: 0, alerts: 0, errors: 0 };
  setLookupTables(options.lookupTables ?? {});

  const rulesFor = (logType: string): RuleDefinition[] => {
    let found = byType.get(logType);
    if (!found) {
      const family = logFamily(logType);
      found = enabled.filter((r) => (r.options.logs ?? []).some((l) => l === logType || l === family));
      byType.set(logType, found);
    }
    return found;
  };

  const guarded = <T>(rule: RuleDefinition, what: string, run: () => T, fallback: T, event: ClassifiedRecord): T => {
    try {
      return run();
    } catch (err) {
      if (isRecordShapeError(err)) {
        // Where StreamAlert's Python rule raised on the record (a missing key...): no match, as there.
        logger.debug(`${what} found a record without the fields it reads; no match`, { rule: rule.name, log_type: event.log_type, error: errorMessage(err) });
        return fallback;
      }
      counts.errors += 1;
      logger.error(`${what} threw; counted as no match`, {
        rule: rule.name,
        log_type: event.log_type,
        error: errorMessage(err),
      });
      return fallback;
    }
  };

  const matches = (rule: RuleDefinition, event: ClassifiedRecord): boolean => {
    const record = event.record as never;
    if (rule.options.req_subkeys && !hasSubkeys(event.record, rule.options.req_subkeys)) return false;
    for (const m of rule.options.matchers ?? []) {
      if (!guarded(rule, `matcher '${m.name}'`, () => m(record, event) === true, false, event)) return false;
    }
    return guarded(rule, 'rule', () => Boolean(rule.fn(record, event)), false, event);
  };

  const outputsOf = (rule: RuleDefinition, event: ClassifiedRecord): string[] => {
    const outputs = [...(rule.options.outputs ?? [])];
    for (const dyn of rule.options.dynamic_outputs ?? []) {
      const extra = guarded(rule, `dynamic output '${dyn.name || 'anonymous'}'`, () => dyn(event.record as never), undefined, event);
      if (typeof extra === 'string') outputs.push(extra);
      else if (Array.isArray(extra)) outputs.push(...extra.filter((o): o is string => typeof o === 'string'));
    }
    return [...new Set(outputs)];
  };

  const titleOf = (rule: RuleDefinition, event: ClassifiedRecord): string => {
    const title = rule.options.title;
    if (typeof title === 'function') {
      return guarded(rule, 'title', () => String(title(event.record as never)), rule.name, event);
    }
    return title ?? rule.name;
  };

  const evaluate = (event: ClassifiedRecord): Alert[] => {
    counts.records += 1;
    linkClassified(event);
    const candidates = [...rulesFor(event.log_type)];
    for (const r of enabled) {
      const types = r.options.datatypes;
      if (!types || types.length === 0 || candidates.includes(r)) continue;
      if (types.some((t) => valuesOfType(event.normalized, t).length > 0)) candidates.push(r);
    }
    const alerts: Alert[] = [];
    for (const r of candidates) {
      if (!matches(r, event)) continue;
      for (const target of wiring.feeds.get(r.name) ?? []) alerts.push(...correlator.observe(target, r.name, event));
      if (wiring.silent.has(r.name)) continue;
      alerts.push(buildAlert(r, event, { cluster: options.cluster, outputs: outputsOf(r, event), title: titleOf(r, event), created: now() }));
    }
    counts.alerts += alerts.length;
    return alerts;
  };

  const settle = async (): Promise<Alert[]> => {
    const alerts = await correlator.settle();
    counts.alerts += alerts.length;
    return alerts;
  };

  return { rules: options.rules, evaluate, rulesFor, settle, stats: () => ({ ...counts, correlation: correlator.stats() }) };
}
