/**
 * The rule promotion function, run on a schedule: promotes staged rules whose period ended quietly, keeps
 * the noisy ones staged for another period, and publishes the digest to the staging digest topic when
 * anything was decided (an hourly run with nothing to say sends nothing).
 */
import type { Config } from '../config/types';
import type { Logger } from '../logger';
import { digestMessage, runPromotion, type PromotionDigest, type RulesTable } from '../staging';

/** Sends the digest (SNS in Lambda). */
export type DigestPublisher = (subject: string, message: string) => Promise<void>;

/** Options of {@link createRulePromotion}. */
export interface RulePromotionOptions {
  readonly config: Pick<Config, 'account' | 'global'>;
  readonly table: Pick<RulesTable, 'list' | 'unstage' | 'extend'>;
  readonly publish: DigestPublisher;
  readonly logger: Logger;
  /** @default the system clock */
  readonly now?: () => Date;
}

/** What one run returns: the digest and whether it was published. */
export interface RulePromotionResult extends PromotionDigest {
  readonly published: boolean;
}

/** Builds the promotion handler. */
export function createRulePromotion(options: RulePromotionOptions): () => Promise<RulePromotionResult> {
  const settings = options.config.global.rule_staging;
  return async () => {
    const digest = await runPromotion({ table: options.table, maxAlerts: settings.max_alerts, stagedHours: settings.staged_hours, now: (options.now ?? (() => new Date()))() });
    for (const d of digest.decisions) options.logger.info(`rule ${d.decision}`, { rule_name: d.rule_name, alert_count: d.alert_count });
    let published = false;
    if (digest.decisions.length > 0) {
      const { subject, message } = digestMessage(digest, options.config.account.prefix);
      await options.publish(subject, message);
      published = true;
    }
    options.logger.info('promotion run', { decided: digest.decisions.length, still_staged: digest.still_staged.length, published });
    return { ...digest, published };
  };
}
