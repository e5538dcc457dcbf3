/**
 * `lambda deploy`'s staging step: every enabled rule of the deployed code that the rules table does not
 * know yet is added, staged for `global.rule_staging.staged_hours` (or promoted at once when the rule says
 * `staged: false`). Runs before any function is updated, so a new rule is never live without its item.
 */
import type { Config } from '../../runtime/config';
import type { RuleDefinition } from '../../runtime/rules';
import type { RulesTable } from '../../runtime/staging';
import type { CommandContext } from '../context';
import { loadBundledFunction } from '../testing/bundled-function';

/** One rule as staging sees it. */
export interface StagingCandidate {
  readonly name: string;
  /** False when the rule opts out (`staged: false`). */
  readonly staged: boolean;
}

/** What registration did. */
export interface RegistrationResult {
  readonly staged: readonly string[];
  /** New rules that opted out of staging (registered as promoted). */
  readonly unstaged: readonly string[];
  /** Rules the table already had (left as they are). */
  readonly existing: number;
}

/** The staging candidates among rule definitions: enabled rules only (a disabled rule is registered when enabled). */
export function stagingCandidates(rules: readonly Pick<RuleDefinition, 'name' | 'disabled' | 'options'>[]): StagingCandidate[] {
  return rules.filter((r) => !r.disabled).map((r) => ({ name: r.name, staged: r.options.staged !== false }));
}

/** Adds the rules the table does not have yet. */
export async function registerNewRules(table: Pick<RulesTable, 'register'>, rules: readonly StagingCandidate[], hours: number, now: Date): Promise<RegistrationResult> {
  const staged: string[] = [];
  const unstaged: string[] = [];
  let existing = 0;
  for (const rule of rules) {
    const outcome = await table.register(rule.name, rule.staged, now, hours);
    if (outcome === 'exists') existing += 1;
    else (rule.staged ? staged : unstaged).push(rule.name);
  }
  return { staged, unstaged, existing };
}

/** The rules of the code being deployed, from the rule processor bundle of the first cluster. */
export async function bundledRules(config: Config, rulesDir: string): Promise<RuleDefinition[]> {
  const cluster = Object.keys(config.clusters)[0] ?? '';
  const bundle = await loadBundledFunction({ config, cluster, rulesDir, typecheck: false });
  return bundle.loadRules();
}

/** Registers new rules and says what it did. */
export async function stageNewRules(ctx: CommandContext, config: Config, rules: readonly StagingCandidate[], table: Pick<RulesTable, 'register' | 'name'>, now: Date = new Date()): Promise<RegistrationResult> {
  const hours = config.global.rule_staging.staged_hours;
  const result = await registerNewRules(table, rules, hours, now);
  for (const name of result.staged) ctx.io.info(`rule staging: ${name} is new: staged for ${hours} h (alerts go to the staging output only)`);
  for (const name of result.unstaged) ctx.io.info(`rule staging: ${name} is new and opts out of staging (staged: false)`);
  ctx.io.info(`rule staging: ${result.staged.length} staged, ${result.unstaged.length} opted out, ${result.existing} already in ${table.name}`);
  return result;
}
