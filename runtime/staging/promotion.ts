/**
 * Promotion: every staged rule whose period has ended is promoted when it fired fewer than `max_alerts`
 * alerts while staged, else kept staged for another period with its count reset. The digest lists each
 * decision and the rules still inside their period.
 */
import type { RulesTable } from './table';
import type { PromotionDecision, PromotionDigest } from './types';

/** Options of {@link runPromotion}. */
export interface PromotionOptions {
  readonly table: Pick<RulesTable, 'list' | 'unstage' | 'extend'>;
  readonly maxAlerts: number;
  /** Length of another period for a kept rule, in hours. */
  readonly stagedHours: number;
  readonly now: Date;
}

/** Decides and applies promotions; returns the digest. */
export async function runPromotion(options: PromotionOptions): Promise<PromotionDigest> {
  const { table, now } = options;
  const decisions: PromotionDecision[] = [];
  const stillStaged: PromotionDigest['still_staged'][number][] = [];
  for (const rule of await options.table.list()) {
    if (!rule.staged) continue;
    const ended = rule.staged_until === undefined || Date.parse(rule.staged_until) <= now.getTime();
    if (!ended) {
      stillStaged.push({ rule_name: rule.rule_name, alert_count: rule.alert_count, ...(rule.staged_until ? { staged_until: rule.staged_until } : {}) });
      continue;
    }
    if (rule.alert_count < options.maxAlerts) {
      // Conditional on still being staged: a rule someone unstaged meanwhile is left alone.
      if (await table.unstage(rule.rule_name, now, true)) decisions.push({ rule_name: rule.rule_name, alert_count: rule.alert_count, decision: 'promoted' });
    } else if (await table.extend(rule.rule_name, now, options.stagedHours)) {
      const until = new Date(now.getTime() + options.stagedHours * 3_600_000).toISOString();
      decisions.push({ rule_name: rule.rule_name, alert_count: rule.alert_count, decision: 'kept', staged_until: until });
    }
  }
  return { run_at: now.toISOString(), max_alerts: options.maxAlerts, decisions, still_staged: stillStaged };
}

/** The digest as the SNS message: a subject and a plain-text body (one line per rule), JSON at the end. */
export function digestMessage(digest: PromotionDigest, prefix: string): { readonly subject: string; readonly message: string } {
  const promoted = digest.decisions.filter((d) => d.decision === 'promoted').length;
  const kept = digest.decisions.length - promoted;
  const lines = [
    `StreamAlert rule staging digest (${prefix}), ${digest.run_at}: ${promoted} promoted, ${kept} kept staged (ceiling: fewer than ${digest.max_alerts} alerts).`,
    '',
    ...digest.decisions.map((d) =>
      d.decision === 'promoted'
        ? `promoted  ${d.rule_name}: ${d.alert_count} alerts while staged`
        : `kept      ${d.rule_name}: ${d.alert_count} alerts while staged; staged until ${d.staged_until}`,
    ),
    ...digest.still_staged.map((s) => `staged    ${s.rule_name}: ${s.alert_count} alerts so far; until ${s.staged_until ?? '-'}`),
    '',
    JSON.stringify(digest),
  ];
  // SNS subjects: at most 100 characters (https://docs.aws.amazon.com/sns/latest/api/API_Publish.html).
  const subject = `StreamAlert rule staging: ${promoted} promoted, ${kept} kept`.slice(0, 100);
  return { subject, message: lines.join('\n') };
}
