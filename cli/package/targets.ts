/** Which functions a `lambda package|deploy|rollback` run acts on: `--function` and `--cluster`. */
import { alertFunctionTargets, functionTargets, type Config, type FunctionKind, type FunctionTarget } from '../../runtime/config';
import { UsageError } from '../../runtime/errors';

/**
 * `--function` values: `rule` (the rule processor of each cluster), `alert` (the alert processor),
 * `merger` (the alert merger), or `all`.
 */
export const FUNCTION_CHOICES: readonly (FunctionKind | 'all')[] = ['rule', 'alert', 'merger', 'all'];

/** Options of {@link selectTargets}. */
export interface TargetSelection {
  /** A function kind or `all`. @default 'all' */
  readonly function?: string;
  /** A cluster name: keeps that cluster's rule processor only (the alert functions are global). */
  readonly cluster?: string;
}

/**
 * The functions selected by `--function` and `--cluster`: rule processors in cluster order, then the
 * alert processor and the alert merger. `--cluster` filters the rule processors only.
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
  const inCluster = (t: FunctionTarget): boolean => t.kind !== 'rule' || selection.cluster === undefined || t.cluster === selection.cluster;
  return [...functionTargets(config), ...alertFunctionTargets(config)].filter((t) => (kind === 'all' || t.kind === kind) && inCluster(t));
}
