/** Which functions a `lambda package|deploy|rollback` run acts on: `--function` and `--cluster`. */
import { functionTargets, type Config, type FunctionKind, type FunctionTarget } from '../../runtime/config';
import { UsageError } from '../../runtime/errors';

/** `--function` values: each kind of function the configuration defines, or `all`. */
export const FUNCTION_CHOICES: readonly (FunctionKind | 'all')[] = ['rule', 'all'];

/** Options of {@link selectTargets}. */
export interface TargetSelection {
  /** A function kind or `all`. @default 'all' */
  readonly function?: string;
  /** A cluster name; every cluster when absent. */
  readonly cluster?: string;
}

/**
 * The functions selected by `--function` and `--cluster`, in cluster order.
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
  return functionTargets(config).filter(
    (t) => (kind === 'all' || t.kind === kind) && (selection.cluster === undefined || t.cluster === selection.cluster),
  );
}
