/** The work of `streamalert lambda rollback`: every selected function, each on its own. */
import { loadConfig } from '../../runtime/config';
import { UsageError } from '../../runtime/errors';
import { AwsCredentialsError, cachedClientFactory, createAwsClients, isCredentialsError } from '../aws';
import type { CommandContext } from '../context';
import { selectTargets } from '../package';
import { rollbackFunction } from './rollback-function';
import type { DeployDeps } from './run-deploy';
import { stepReporter } from './run-deploy';
import { renderTable } from './table';
import type { RollbackOutcome } from './types';

/** Options of `lambda rollback`. */
export interface RollbackOptions {
  /** `rule`, `alert`, `merger` or `all`. @default 'all' */
  readonly function?: string;
  readonly cluster?: string;
  /** Version to roll back to (one function only). */
  readonly to?: string;
}

/** JSON view of a rollback outcome. */
export function rollbackJson(o: RollbackOutcome): Record<string, unknown> {
  return {
    function: o.function,
    cluster: o.cluster,
    region: o.region,
    status: o.status,
    from_version: o.fromVersion ?? null,
    to_version: o.toVersion ?? null,
    error: o.error ?? null,
  };
}

/**
 * `streamalert lambda rollback`. Returns exit code 1 when any function failed or was refused.
 * @throws UsageError when `--to` would apply to more than one function.
 * @throws AwsCredentialsError when there are no usable credentials.
 */
export async function runRollback(ctx: CommandContext, options: RollbackOptions, deps: Pick<DeployDeps, 'clients'> = {}): Promise<number> {
  const config = loadConfig(ctx.globals.config);
  const targets = selectTargets(config, options);
  if (options.to !== undefined && targets.length !== 1) {
    throw new UsageError(
      `--to ${options.to} selects ${targets.length} functions (${targets.map((t) => t.name).join(', ')}); version numbers differ per function`,
      'pick one function: --function alert, --function merger, or --function rule --cluster <name>',
    );
  }
  const clientsFor = cachedClientFactory(deps.clients ?? createAwsClients);
  const outcomes: RollbackOutcome[] = [];
  for (const target of targets) {
    try {
      outcomes.push(await rollbackFunction({ clients: clientsFor(target.region), target, to: options.to, report: stepReporter(ctx) }));
    } catch (err) {
      if (isCredentialsError(err)) throw new AwsCredentialsError(err);
      throw err;
    }
  }
  const rows = outcomes.map((o) => [o.function, o.fromVersion ?? '-', o.toVersion ?? '-', o.error ? `failed at ${o.error.step}` : o.status]);
  ctx.io.info('');
  for (const line of renderTable(['function', 'from', 'to', 'result'], rows)) ctx.io.info(line);
  for (const o of outcomes.filter((x) => x.error)) ctx.io.error(`${o.function}: ${o.error?.step}: ${o.error?.message}`);
  const failed = outcomes.filter((o) => o.status === 'failed').length;
  ctx.io.result({ ok: failed === 0, functions: outcomes.map(rollbackJson) });
  return failed === 0 ? 0 : 1;
}
