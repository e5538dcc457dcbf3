/** The work of `streamalert rule staging status|stage|unstage`. */
import { loadConfig, type Config } from '../../runtime/config';
import type { RuleStagingState, RulesTable } from '../../runtime/staging';
import type { CommandContext } from '../context';
import { renderTable } from '../deploy/table';
import { cliRulesTable } from './table';

/** Options of {@link runStaging}. */
export interface StagingOptions {
  readonly action: 'status' | 'stage' | 'unstage';
  /** The rule (stage, unstage; optional filter for status). */
  readonly rule?: string;
}

/** What tests replace. */
export interface StagingDeps {
  readonly table?: RulesTable;
  readonly now?: () => Date;
}

function stateJson(s: RuleStagingState): Record<string, unknown> {
  return { rule_name: s.rule_name, staged: s.staged, staged_at: s.staged_at ?? null, staged_until: s.staged_until ?? null, last_promoted: s.last_promoted ?? null, alert_count: s.alert_count };
}

function printStates(ctx: CommandContext, states: readonly RuleStagingState[]): void {
  const rows = states.map((s) => [s.rule_name, s.staged ? 'staged' : 'promoted', s.staged_until ?? '-', String(s.alert_count), s.last_promoted ?? '-']);
  for (const line of renderTable(['rule', 'state', 'staged until', 'staged alerts', 'last promoted'], rows)) ctx.io.info(line);
}

/** Runs one staging action; returns the exit code. @throws UnknownStagedRuleError, RulesTableError */
export async function runStaging(ctx: CommandContext, options: StagingOptions, deps: StagingDeps = {}): Promise<number> {
  const config: Config = loadConfig(ctx.globals.config);
  if (!config.global.rule_staging.enabled) ctx.io.warn('global.rule_staging.enabled is false: lambda deploy stages nothing and the rule processors ignore staging');
  const table = deps.table ?? cliRulesTable(config);
  const now = (deps.now ?? (() => new Date()))();
  if (options.action === 'status') {
    const states = (await table.list()).filter((s) => options.rule === undefined || s.rule_name === options.rule);
    printStates(ctx, states);
    ctx.io.info(`${states.filter((s) => s.staged).length} staged, ${states.filter((s) => !s.staged).length} promoted (${table.name})`);
    ctx.io.result({ ok: true, table: table.name, rules: states.map(stateJson) });
    return 0;
  }
  const rule = options.rule ?? '';
  if (options.action === 'stage') {
    const state = await table.stage(rule, now, config.global.rule_staging.staged_hours);
    ctx.io.info(`${rule}: staged until ${state.staged_until} (alert count reset)`);
    ctx.io.result({ ok: true, rule: stateJson(state) });
    return 0;
  }
  await table.unstage(rule, now);
  const state = await table.get(rule);
  ctx.io.info(`${rule}: promoted (alerts go to the rule's outputs)`);
  ctx.io.result({ ok: true, rule: state ? stateJson(state) : null });
  return 0;
}
