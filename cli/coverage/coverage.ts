/** ATT&CK coverage of a set of rules: techniques, their tactics, the rules and log types behind each. */
import type { RuleDefinition } from '../../runtime/rules/types';
import { ATTACK_TECHNIQUES, TACTIC_ORDER } from './attack-catalog';

/** One covered technique. */
export interface TechniqueCoverage {
  readonly technique: string;
  /** '' when the technique is not in the catalog. */
  readonly name: string;
  /** The technique's first tactic in matrix order ('unknown' when not in the catalog). */
  readonly tactic: string;
  readonly tactics: readonly string[];
  readonly rules: readonly string[];
  readonly log_types: readonly string[];
}

/** The coverage of the enabled rules, by technique (sorted by tactic, then id). */
export interface Coverage {
  readonly techniques: readonly TechniqueCoverage[];
  readonly enabledRules: number;
  /** Enabled rules that name no technique. */
  readonly withoutIds: readonly string[];
  /** Technique ids rules name that the catalog does not know. */
  readonly unknownIds: readonly string[];
}

const rank = (tactic: string) => TACTIC_ORDER.indexOf(tactic as (typeof TACTIC_ORDER)[number]);

/** Works out the coverage of `rules` (disabled ones left out). */
export function computeCoverage(rules: readonly RuleDefinition[]): Coverage {
  const enabled = rules.filter((r) => !r.disabled);
  const byTechnique = new Map<string, { rules: Set<string>; logTypes: Set<string> }>();
  for (const rule of enabled) {
    for (const id of rule.options.attack ?? []) {
      const entry = byTechnique.get(id) ?? { rules: new Set(), logTypes: new Set() };
      entry.rules.add(rule.name);
      for (const logType of rule.options.logs ?? []) entry.logTypes.add(logType);
      byTechnique.set(id, entry);
    }
  }
  const techniques = [...byTechnique].map(([technique, entry]): TechniqueCoverage => {
    const known = ATTACK_TECHNIQUES[technique];
    const tactics = known ? [...known.tactics].sort((a, b) => rank(a) - rank(b)) : ['unknown'];
    return { technique, name: known?.name ?? '', tactic: tactics[0] as string, tactics, rules: [...entry.rules].sort(), log_types: [...entry.logTypes].sort() };
  });
  techniques.sort((a, b) => rank(a.tactic) - rank(b.tactic) || a.technique.localeCompare(b.technique, 'en', { numeric: true }));
  return {
    techniques,
    enabledRules: enabled.length,
    withoutIds: enabled.filter((r) => (r.options.attack ?? []).length === 0).map((r) => r.name).sort(),
    unknownIds: techniques.filter((t) => t.tactic === 'unknown').map((t) => t.technique),
  };
}

/**
 * An ATT&CK Navigator layer (layer format 4.5) of the coverage: each covered technique under each of its tactics,
 * scored by its number of rules, with the rules in the comment.
 */
export function navigatorLayer(coverage: Coverage, name: string): Record<string, unknown> {
  const max = Math.max(1, ...coverage.techniques.map((t) => t.rules.length));
  return {
    name,
    versions: { attack: '16', navigator: '5.1.0', layer: '4.5' },
    domain: 'enterprise-attack',
    description: `Techniques detected by ${coverage.enabledRules} enabled StreamAlert rules (score: number of rules)`,
    sorting: 3,
    hideDisabled: false,
    techniques: coverage.techniques
      .filter((t) => t.tactic !== 'unknown')
      .flatMap((t) =>
        t.tactics.map((tactic) => ({
          techniqueID: t.technique,
          tactic,
          score: t.rules.length,
          comment: `rules: ${t.rules.join(', ')}; log types: ${t.log_types.join(', ')}`,
          enabled: true,
          showSubtechniques: true,
        })),
      ),
    gradient: { colors: ['#c6dbefff', '#08519cff'], minValue: 0, maxValue: max },
    legendItems: [],
    metadata: [],
    showTacticRowBackground: false,
    selectTechniquesAcrossTactics: true,
  };
}
