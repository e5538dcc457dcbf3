/**
 * Names of deployed things, derived from the configuration in one place so that Terraform generation,
 * packaging, deploy and rollback always agree.
 */
import type { Config } from './types';

/** Alias that every trigger points at; `lambda deploy` and `lambda rollback` move it. */
export const PRODUCTION_ALIAS = 'production';

/** Functions the configuration defines (the alert functions join with alert delivery). */
export type FunctionKind = 'rule';

/** One deployable function. */
export interface FunctionTarget {
  readonly kind: FunctionKind;
  readonly cluster: string;
  /** Lambda function name (at most 64 characters: prefix <= 20, cluster <= 24). */
  readonly name: string;
  readonly region: string;
}

/** Name of a cluster's rule processor function. */
export function ruleProcessorName(config: Pick<Config, 'account'>, cluster: string): string {
  return `${config.account.prefix}_${cluster}_streamalert_rules`;
}

/** Bucket that holds the Lambda packages (`<function>/<sha256>.zip`). */
export function sourceBucketName(config: Pick<Config, 'account'>): string {
  return `${config.account.prefix}-streamalert-source`;
}

/** Every function the configuration defines, in cluster order. */
export function functionTargets(config: Pick<Config, 'account' | 'clusters'>): FunctionTarget[] {
  return Object.values(config.clusters).map((cluster) => ({
    kind: 'rule' as const,
    cluster: cluster.name,
    name: ruleProcessorName(config, cluster.name),
    region: cluster.region,
  }));
}
