/**
 * The rule registry. Rule files register their rules when they are imported (`rule(...)` runs at module load);
 * the bundler appends `annotateRuleFile(file, descriptions)` to each rule file so every rule learns its file and
 * its doc comment. `loadRules()` validates the whole set once (duplicate names are an error naming both files).
 */
import { errorMessage } from '../errors';
import { publisherNamesOf } from '../publishers/compose';
import type { PublisherSpec } from '../publishers/types';
import { RuleDefinitionError } from './errors';
import type { RuleDefinition, RuleFunction, RuleOptions } from './types';
import { thresholdProblems } from './correlation/rules';

interface Entry {
  readonly name: string;
  readonly fn: RuleFunction<never>;
  options: RuleOptions<never>;
  file?: string;
  docDescription?: string;
  disabled: boolean;
}

const entries: Entry[] = [];

/** Registers a rule (called by `rule()`). */
export function registerRule(fn: RuleFunction<never>, options: RuleOptions<never>, meta: { readonly file?: string } = {}): void {
  const name = fn.name;
  if (!name || name === 'anonymous') {
    throw new RuleDefinitionError(
      'a rule must be a named function: its name is the rule name',
      'write rule({...})(function my_rule_name(rec) { ... })',
    );
  }
  entries.push({ name, fn, options, disabled: options.disabled === true, ...(meta.file !== undefined ? { file: meta.file } : {}) });
}

/** Marks a registered rule function as disabled (called by `disable()`). */
export function disableRule(fn: RuleFunction<never>): void {
  const entry = entries.find((e) => e.fn === fn);
  if (!entry) {
    throw new RuleDefinitionError(
      `disable() was given a function that is not a rule: ${fn.name || '(anonymous)'}`,
      'wrap the result of rule(...): disable(rule({...})(function name(rec) {...}))',
    );
  }
  entry.disabled = true;
}

/**
 * Gives the rules registered since the previous call their file and doc-comment descriptions.
 * Injected at the end of each rule file by the bundler plugin (see cli/testing/rule-source-plugin.ts).
 */
export function annotateRuleFile(file: string, descriptions: Readonly<Record<string, string>>): void {
  for (const entry of entries) {
    if (entry.file !== undefined) continue;
    entry.file = file;
    if (Object.prototype.hasOwnProperty.call(descriptions, entry.name)) entry.docDescription = descriptions[entry.name];
  }
}

const SEVERITIES = new Set(['info', 'low', 'medium', 'high', 'critical']);

/** What is wrong with a rule's options (empty when nothing). */
export function optionProblems(name: string, options: RuleOptions<never>): string[] {
  const where = `rule '${name}'`;
  const problems: string[] = [];
  if (options.threshold !== undefined) problems.push(...thresholdProblems(where, options.threshold));
  if (options.correlation === undefined && (options.logs ?? []).length === 0 && (options.datatypes ?? []).length === 0) {
    problems.push(`${where} has neither logs nor datatypes, so it would never run`);
  }
  if (options.severity !== undefined && !SEVERITIES.has(options.severity)) {
    problems.push(`${where}: severity must be one of ${[...SEVERITIES].join(', ')}, got ${JSON.stringify(options.severity)}`);
  }
  const window = options.merge_window_mins;
  if (window !== undefined && !(Number.isInteger(window) && window >= 0)) {
    problems.push(`${where}: merge_window_mins must be a whole number of minutes >= 0, got ${JSON.stringify(window)}`);
  }
  if ((options.merge_by_keys ?? []).length > 0 && !(typeof window === 'number' && window > 0)) {
    problems.push(`${where}: merge_by_keys needs merge_window_mins > 0`);
  }
  for (const output of options.outputs ?? []) {
    if (typeof output !== 'string' || !/^[\w-]+:.+$/.test(output)) {
      problems.push(`${where}: outputs are written "service:descriptor", got ${JSON.stringify(output)}`);
    }
  }
  for (const id of options.attack ?? []) {
    if (typeof id !== 'string' || !/^T\d{4}(\.\d{3})?$/.test(id)) {
      problems.push(`${where}: attack ids are ATT&CK technique ids such as "T1078" or "T1562.008", got ${JSON.stringify(id)}`);
    }
  }
  if (options.publishers !== undefined) problems.push(...publisherProblems(name, options.publishers));
  return problems;
}

/**
 * A rule's `publishers` of the wrong shape. Names are not checked here: the alert processor also registers
 * StreamAlert's community publishers, which rules may name as strings without importing them; an unknown
 * name fails that output at delivery (retried, then dead-lettered with the error) and shows in lambda test.
 */
function publisherProblems(name: string, spec: PublisherSpec): string[] {
  try {
    publisherNamesOf(spec, name);
    return [];
  } catch (err) {
    return [errorMessage(err)];
  }
}

/**
 * Every registered rule, validated: two rules with one name is an error that names both files, and bad
 * options (see {@link optionProblems}) are errors too; every problem is listed at once.
 * @throws RuleDefinitionError
 */
export function loadRules(): RuleDefinition[] {
  const byName = new Map<string, Entry>();
  const problems: string[] = [];
  for (const entry of entries) {
    const previous = byName.get(entry.name);
    if (previous) {
      problems.push(`rule '${entry.name}' is defined twice: in ${previous.file || '(unknown file)'} and in ${entry.file || '(unknown file)'}`);
      continue;
    }
    byName.set(entry.name, entry);
    problems.push(...optionProblems(entry.name, entry.options).map((p) => (entry.file ? `${entry.file}: ${p}` : p)));
  }
  problems.push(...correlationReferenceProblems([...byName.values()]));
  if (problems.length > 0) {
    const head = problems.length === 1 ? 'invalid rule:' : `invalid rules (${problems.length} problems):`;
    throw new RuleDefinitionError([head, ...problems].join('\n  '), 'a rule is named by its function: rename one of two functions with one name');
  }
  return entries.map((e) => ({
    name: e.name,
    description: (e.options.description ?? e.docDescription ?? '').trim(),
    file: e.file ?? '',
    options: e.options,
    fn: e.fn,
    disabled: e.disabled,
  }));
}

/** Sigma rule id -> rule name, for correlation rules that name their base rules by id. */
const sigmaIds = new Map<string, string>();

/** Records a Sigma rule's id (called when a compiled Sigma rule registers). */
export function registerRuleId(id: string, name: string): void {
  if (id !== '') sigmaIds.set(id, name);
}

/**
 * Correlation rules name their base rules by name or Sigma id: ids are replaced by names here, and a name that
 * is no rule, or a base rule that is itself a correlation, is a problem.
 */
function correlationReferenceProblems(all: Entry[]): string[] {
  const names = new Map(all.map((e) => [e.name, e]));
  const problems: string[] = [];
  for (const entry of all) {
    const spec = entry.options.correlation;
    if (spec === undefined) continue;
    const resolved = spec.rules.map((ref) => sigmaIds.get(ref) ?? ref);
    for (const [i, name] of resolved.entries()) {
      const base = names.get(name);
      const where = `${entry.file || `rule '${entry.name}'`}: correlation '${entry.name}'`;
      if (base === undefined) problems.push(`${where} names rule "${spec.rules[i]}", which is not a rule (by name or Sigma id)`);
      else if (base.options.correlation !== undefined) problems.push(`${where} names "${name}", a correlation rule: chained correlations are not supported`);
    }
    entry.options = { ...entry.options, correlation: { ...spec, rules: resolved } };
  }
  return problems;
}

/** Forgets every registered rule (tests). */
export function clearRules(): void {
  entries.length = 0;
  sigmaIds.clear();
}
