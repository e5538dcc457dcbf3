/** Types of rule staging: the rules table item and the promotion digest. */

/** One rule's staging state, as the rules table holds it. */
export interface RuleStagingState {
  readonly rule_name: string;
  /** While true, the rule's alerts go to the staging output only and are marked `staged`. */
  readonly staged: boolean;
  /** ISO-8601 time the rule was (last) staged; absent for a rule registered unstaged. */
  readonly staged_at?: string;
  /** ISO-8601 end of the staging period. */
  readonly staged_until?: string;
  /** ISO-8601 time the rule was last promoted (by the promotion function or `rule staging unstage`). */
  readonly last_promoted?: string;
  /** Alerts written while staged in the current period. */
  readonly alert_count: number;
}

/** What the promotion function decided for one staged rule whose period ended. */
export interface PromotionDecision {
  readonly rule_name: string;
  readonly alert_count: number;
  /** 'promoted': delivered normally from now on; 'kept': too noisy, staged for another period (count reset). */
  readonly decision: 'promoted' | 'kept';
  /** When the rule is kept: the end of its new period. */
  readonly staged_until?: string;
}

/** One run of the promotion function. */
export interface PromotionDigest {
  readonly run_at: string;
  readonly max_alerts: number;
  readonly decisions: readonly PromotionDecision[];
  /** Rules still inside their staging period (not decided yet). */
  readonly still_staged: readonly { readonly rule_name: string; readonly alert_count: number; readonly staged_until?: string }[];
}
