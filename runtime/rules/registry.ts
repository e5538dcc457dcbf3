/**
 * The rule registry. Rule files register their rules when they are imported (`rule(...)` runs at module load);
 * the bundler appends `annotateRuleFile(file, descriptions)` to each rule file so every rule learns its file and
 * its doc comment. `loadRules()` validates the whole set once (duplicate names are an error naming both files).
 */
import { RuleDefinitionError } from './errors';
import type { RuleDefinition, RuleFunction, RuleOptions } from './types';

interface Entry {
  readonly name: string;
  readonly fn: RuleFunction<never>;
  readonly options: RuleOptions<never>;
  file?: string;
  docDescription?: string;
  disabled: boolean;
}

const entries: Entry[] = [];

/** Registers a rule (called by `rule()`). */
export function registerRule(fn: RuleFunction<never>, options: RuleOptions<never>): void {
  const name = fn.name;
  if (!name || name === 'anonymous') {
    throw new RuleDefinitionError(
      'a rule must be a named function: its name is the rule name',
      'write rule({...})(function my_rule_name(rec) { ... })',
    );
  }
  entries.push({ name, fn, options, disabled: options.disabled === true });
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

/**
 * Every registered rule, validated: two rules with one name is an error that names both files.
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
  }
  if (problems.length > 0) {
    throw new RuleDefinitionError(problems.join('\n  '), 'rename one of the functions: a rule is named by its function');
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

/** Forgets every registered rule (tests). */
export function clearRules(): void {
  entries.length = 0;
}
