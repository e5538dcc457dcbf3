/** Which rules feed which correlations: Sigma correlation rules name their base rules; a `threshold` rule feeds itself. */
import type { RuleDefinition } from '../types';
import type { CorrelationRule } from './correlator';
import { spanMillis } from './time';
import type { CorrelationSpec, ThresholdOptions } from './types';

/** The spec of a rule's `threshold` option (undefined when the option is invalid: see `thresholdProblems`). */
export function thresholdSpec(name: string, threshold: ThresholdOptions): CorrelationSpec | undefined {
  const span = spanMillis(threshold.within);
  if (span === undefined || !Number.isInteger(threshold.count) || threshold.count < 1) return undefined;
  return {
    type: threshold.distinct === undefined ? 'event_count' : 'value_count',
    rules: [name],
    group_by: threshold.by ?? [],
    timespan_ms: span,
    condition: { op: 'gte', count: threshold.count, ...(threshold.distinct !== undefined ? { field: threshold.distinct } : {}) },
    generate: false,
    ...(threshold.time_field !== undefined ? { time_field: threshold.time_field } : {}),
  };
}

/** Problems of a `threshold` option. */
export function thresholdProblems(where: string, threshold: ThresholdOptions): string[] {
  const problems: string[] = [];
  if (!Number.isInteger(threshold.count) || threshold.count < 1) problems.push(`${where}: threshold.count must be a whole number >= 1, got ${JSON.stringify(threshold.count)}`);
  if (spanMillis(threshold.within) === undefined) problems.push(`${where}: threshold.within must be seconds or '30s', '5m', '1h', '1d', got ${JSON.stringify(threshold.within)}`);
  return problems;
}

/** The correlation wiring of a set of enabled rules. */
export interface CorrelationWiring {
  /** Base rule name -> the correlations its matches feed. */
  readonly feeds: ReadonlyMap<string, readonly CorrelationRule[]>;
  /** Base rules that do not alert on their own (a threshold rule; a Sigma base rule without `generate`). */
  readonly silent: ReadonlySet<string>;
}

/** Wires the correlations of `rules` (enabled rules only). */
export function correlationRules(rules: readonly RuleDefinition[]): CorrelationWiring {
  const feeds = new Map<string, CorrelationRule[]>();
  const silent = new Set<string>();
  const feed = (base: string, target: CorrelationRule) => feeds.set(base, [...(feeds.get(base) ?? []), target]);
  for (const rule of rules) {
    const { threshold, correlation } = rule.options;
    if (threshold !== undefined) {
      const spec = thresholdSpec(rule.name, threshold);
      if (spec === undefined) continue;
      feed(rule.name, { rule, spec });
      silent.add(rule.name);
    }
    if (correlation !== undefined) {
      for (const base of new Set(correlation.rules)) feed(base, { rule, spec: correlation });
      if (!correlation.generate) for (const base of correlation.rules) silent.add(base);
    }
  }
  return { feeds, silent };
}
