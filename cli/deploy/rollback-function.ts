/** Rolls one function back: ask AWS (alias, published versions), then move the alias, guarded. */
import { isCredentialsError, type AwsClients } from '../aws';
import type { FunctionTarget } from '../../runtime/config';
import { step, StepError } from './errors';
import { listPublishedVersions, moveAlias, readAlias } from './lambda-steps';
import type { RollbackOutcome, RollbackStep, StepReporter } from './types';

/** Options of {@link rollbackFunction}. */
export interface RollbackFunctionOptions {
  readonly clients: AwsClients;
  readonly target: FunctionTarget;
  /** Version to move the alias to; default: the published version before the current one. */
  readonly to?: string;
  readonly report?: StepReporter;
}

/**
 * The version to roll back to: `to` when given (it must be published and not the current one),
 * else the highest published version below the current one (versions can have gaps).
 * @returns the version, or the reason to refuse.
 */
export function chooseRollbackVersion(current: string, published: readonly number[], to?: string): { version: string } | { refuse: string } {
  if (current === '$LATEST') {
    return { refuse: 'the production alias points at $LATEST, not a published version, so there is no known good version to return to; run `streamalert lambda deploy`' };
  }
  if (to !== undefined) {
    if (!/^\d+$/.test(to) || !published.includes(Number(to))) {
      return { refuse: `version ${JSON.stringify(to)} is not a published version (published: ${published.join(', ') || 'none'})` };
    }
    if (to === current) return { refuse: `the production alias already points at version ${to}` };
    return { version: to };
  }
  const previous = published.filter((v) => v < Number(current));
  if (previous.length === 0) return { refuse: `version ${current} is the first published version; there is nothing to roll back to` };
  return { version: String(previous[previous.length - 1]) };
}

/** Rolls one function back. An AWS error or a refusal is returned in the outcome, not thrown. */
export async function rollbackFunction(options: RollbackFunctionOptions): Promise<RollbackOutcome> {
  const { clients, target } = options;
  const name = target.name;
  const report = options.report ?? (() => undefined);
  const base = { function: name, cluster: target.cluster, region: target.region };
  const run = <T>(stepName: RollbackStep, work: () => Promise<T>): Promise<T> => step(name, stepName, work, isCredentialsError);
  let fromVersion: string | undefined;
  try {
    report(name, 'read', 'production alias');
    const alias = await run('read', () => readAlias(clients.lambda, name));
    fromVersion = alias.version;
    report(name, 'list', 'published versions');
    const published = alias.version === '$LATEST' ? [] : await run('list', () => listPublishedVersions(clients.lambda, name));
    const choice = chooseRollbackVersion(alias.version, published, options.to);
    if ('refuse' in choice) throw new StepError(name, 'choose', choice.refuse);
    report(name, 'alias', `production: ${alias.version} -> ${choice.version}`);
    await run('alias', () => moveAlias(clients.lambda, name, choice.version, alias));
    return { ...base, status: 'rolled back', fromVersion, toVersion: choice.version };
  } catch (err) {
    if (!(err instanceof StepError)) throw err;
    return { ...base, status: 'failed', fromVersion, error: { step: err.step as RollbackStep, message: err.detail } };
  }
}
