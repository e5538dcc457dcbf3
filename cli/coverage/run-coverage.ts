/** `streamalert rule coverage`: the ATT&CK techniques the enabled rules detect. */
import { writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { displayPath, loadConfig } from '../../runtime/config';
import type { CommandContext } from '../context';
import { loadRuleDefinitions } from '../config/rule-outputs';
import { computeCoverage, navigatorLayer } from './coverage';

/** Options of {@link runCoverage}. */
export interface CoverageOptions {
  /** Rules folder. @default rules/ beside the conf directory */
  readonly rulesDir?: string;
  /** Write an ATT&CK Navigator layer here. */
  readonly navigator?: string;
}

/** Loads the rules from the bundle (as deployed) and reports their coverage. */
export async function runCoverage(ctx: CommandContext, options: CoverageOptions): Promise<void> {
  const config = loadConfig(ctx.globals.config);
  const rulesDir = resolve(options.rulesDir ?? `${dirname(resolve(ctx.globals.config))}/rules`);
  const coverage = computeCoverage(await loadRuleDefinitions(config, rulesDir));
  const { io } = ctx;
  if (options.navigator !== undefined) {
    writeFileSync(options.navigator, `${JSON.stringify(navigatorLayer(coverage, 'StreamAlert rule coverage'), null, 2)}\n`);
    io.note(`wrote the ATT&CK Navigator layer ${displayPath(resolve(options.navigator))} (open it at https://mitre-attack.github.io/attack-navigator/)`);
  }
  const tactics = new Set(coverage.techniques.map((t) => t.tactic));
  if (io.json) {
    for (const t of coverage.techniques) io.data(JSON.stringify({ technique: t.technique, name: t.name, tactic: t.tactic, tactics: t.tactics, rules: t.rules, log_types: t.log_types }));
  } else {
    io.info(`ATT&CK coverage of ${coverage.enabledRules} enabled rules: ${coverage.techniques.length} techniques in ${tactics.size} tactics`);
    let current = '';
    for (const t of coverage.techniques) {
      if (t.tactic !== current) io.info(io.style.bold((current = t.tactic)));
      io.info(`  ${t.technique.padEnd(10)} ${t.name || '(not in the catalog)'}: ${t.rules.join(', ')}`);
    }
    const byLogType = new Map<string, Set<string>>();
    for (const t of coverage.techniques) for (const l of t.log_types) byLogType.set(l, (byLogType.get(l) ?? new Set()).add(t.technique));
    io.info(io.style.bold('by log type'));
    for (const [logType, ids] of [...byLogType].sort((a, b) => b[1].size - a[1].size || a[0].localeCompare(b[0]))) io.info(`  ${logType.padEnd(28)} ${ids.size} technique(s)`);
  }
  if (coverage.unknownIds.length > 0) io.warn(`technique ids not in the ATT&CK catalog of this version (counted under "unknown"): ${coverage.unknownIds.join(', ')}`);
  io.note(`${coverage.withoutIds.length} enabled rule(s) name no ATT&CK technique${coverage.withoutIds.length > 0 ? ` (add attack: ['T...'] or Sigma attack.t... tags): ${coverage.withoutIds.join(', ')}` : ''}`);
}
