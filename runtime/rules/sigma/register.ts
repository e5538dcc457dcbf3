/** Registering compiled Sigma rules: each becomes a rule of the registry, like a TypeScript rule. */
import type { ClassifiedRecord } from '../../classifier/types';
import { registerRule, registerRuleId } from '../registry';
import type { RuleFunction, RuleOptions } from '../types';
import { detectionPredicate } from './match';
import type { CompiledSigmaCorrelation, CompiledSigmaRule } from './types';

/** The rule options a compiled Sigma rule carries. */
export function sigmaRuleOptions(rule: CompiledSigmaRule): RuleOptions<never> {
  return {
    logs: rule.log_types,
    outputs: rule.outputs,
    severity: rule.severity,
    title: rule.title,
    description: rule.description || rule.title,
    attack: rule.attack,
    context: { ...(rule.context ?? {}), sigma: { id: rule.id, title: rule.title } },
    ...(rule.dedup ? { dedup: rule.dedup } : {}),
    ...(rule.merge_by_keys ? { merge_by_keys: rule.merge_by_keys } : {}),
    ...(rule.merge_window_mins !== undefined ? { merge_window_mins: rule.merge_window_mins } : {}),
    ...(rule.disabled !== undefined ? { disabled: rule.disabled } : {}),
    ...(rule.staged !== undefined ? { staged: rule.staged } : {}),
  };
}

/** The rule function of a compiled Sigma rule: named after the rule, one predicate per log type. */
export function sigmaRuleFunction(rule: CompiledSigmaRule): RuleFunction<never> {
  const byType = new Map(rule.log_types.map((t) => [t, detectionPredicate(rule, t)] as const));
  const fn = (record: Readonly<Record<string, unknown>>, event: ClassifiedRecord): boolean => {
    const predicate = byType.get(event.log_type);
    return predicate !== undefined && predicate(record);
  };
  Object.defineProperty(fn, 'name', { value: rule.name });
  return fn as unknown as RuleFunction<never>;
}

/**
 * Registers a compiled Sigma rule (called by the module `lambda package` generates for each `.yml` rule file).
 * Its name, description, severity, outputs, staging and disabled state work as for a TypeScript rule.
 */
export function registerSigmaRule(rule: CompiledSigmaRule): void {
  registerRule(sigmaRuleFunction(rule), sigmaRuleOptions(rule), { file: rule.file });
  registerRuleId(rule.id, rule.name);
}

/**
 * Registers a compiled Sigma correlation rule: a rule that matches no record itself; the rules engine feeds it
 * the matches of its base rules (named by name or Sigma id, resolved when the rules are loaded).
 */
export function registerSigmaCorrelation(rule: CompiledSigmaCorrelation): void {
  const fn = (): boolean => false;
  Object.defineProperty(fn, 'name', { value: rule.name });
  registerRule(
    fn as unknown as RuleFunction<never>,
    {
      logs: rule.log_types,
      outputs: rule.outputs,
      severity: rule.severity,
      title: rule.title,
      description: rule.description || rule.title,
      attack: rule.attack,
      correlation: rule.correlation,
      context: { ...(rule.context ?? {}), sigma: { id: rule.id, title: rule.title } },
      ...(rule.disabled !== undefined ? { disabled: rule.disabled } : {}),
      ...(rule.staged !== undefined ? { staged: rule.staged } : {}),
    },
    { file: rule.file },
  );
  registerRuleId(rule.id, rule.name);
}
