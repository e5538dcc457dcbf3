/** Which functions a `lambda package|deploy|rollback` run acts on: `--function` and `--cluster`. */
import { alertFunctionTargets, functionTargets, threatIntelFunctionTargets, type Config, type FunctionKind, type FunctionTarget } from '../../runtime/config';
import { appFunctionTargets, GLOBAL_CLUSTER, scheduledQueryTargets } from '../../runtime/config/names';
import { UsageError } from '../../runtime/errors';

/**
 * `--function` values: `rule` (the rule processor of each cluster), `alert` (the alert processor),
 * `merger` (the alert merger), `rule_promotion` (when `global.rule_staging.enabled`), `threat_intel_downloader`
 * (when threat_intel.json enables it), `apps` (every configured StreamAlert app), `scheduled_queries` (when
 * enabled), or `all`.
 */
export const FUNCTION_CHOICES: readonly (FunctionKind | 'all')[] = ['rule', 'alert', 'merger', 'rule_promotion', 'threat_intel_downloader', 'apps', 'scheduled_queries', 'all'];

/** Options of {@link selectTargets}. */
export interface TargetSelection {
  /** A function kind or `all`. @default 'all' */
  readonly function?: string;
  /** A cluster name: keeps that cluster's rule processor and apps (global functions are kept). */
  readonly cluster?: string;
}

/**
 * The functions selected by `--function` and `--cluster`: rule processors in cluster order, the global
 * functions (alert processor, merger, promotion, downloader), the apps, the scheduled query function.
 * `--cluster` filters the per-cluster functions (rule processors, apps) only.
 * @throws UsageError (exit 2) naming the valid values when either is unknown.
 */
export function selectTargets(config: Config, selection: TargetSelection): FunctionTarget[] {
  const kind = selection.function ?? 'all';
  if (!FUNCTION_CHOICES.includes(kind as FunctionKind | 'all')) {
    throw new UsageError(`unknown function "${kind}"; valid: ${FUNCTION_CHOICES.join(', ')}`);
  }
  const clusters = Object.keys(config.clusters);
  if (selection.cluster !== undefined && !clusters.includes(selection.cluster)) {
    throw new UsageError(
      `unknown cluster "${selection.cluster}"; valid: ${clusters.join(', ')}`,
      'clusters are the keys of "clusters" in variables.json',
    );
  }
  const inCluster = (t: FunctionTarget): boolean => t.cluster === GLOBAL_CLUSTER || selection.cluster === undefined || t.cluster === selection.cluster;
  const all = [...functionTargets(config), ...alertFunctionTargets(config), ...threatIntelFunctionTargets(config), ...appFunctionTargets(config), ...scheduledQueryTargets(config)];
  return all.filter((t) => (kind === 'all' || t.kind === kind) && inCluster(t));
}
