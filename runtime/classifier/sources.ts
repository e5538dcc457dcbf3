/**
 * Source lookup: which cluster declares a data source (service + resource) and which log types it carries,
 * from the clusters' `data_sources`. Families (`cloudtrail`) expand to their declared log types.
 */
import { expandLogTypes, type Config, type LogService } from '../config';
import { ExitCode, StreamAlertError, type ExitCode as ExitCodeValue } from '../errors';

/** A data source: the service and the resource (stream, bucket, topic, queue, app, log group). */
export interface SourceKey {
  readonly service: LogService;
  readonly resource: string;
}

/** What a source resolves to. */
export interface SourceMatch {
  readonly cluster: string;
  /** Declared log types the source may carry, in `data_sources` order: the classifier's candidates. */
  readonly logTypes: readonly string[];
}

/** A data source that no cluster (or not the given cluster) declares. */
export class UnknownSourceError extends StreamAlertError {
  constructor(
    readonly dataSource: SourceKey,
    readonly cluster: string | undefined,
    readonly configured: readonly string[],
    options: { readonly exitCode?: ExitCodeValue } = {},
  ) {
    const where = cluster === undefined ? 'any cluster' : `cluster "${cluster}"`;
    const known = configured.length === 0 ? `no ${dataSource.service} sources are configured` : `configured ${dataSource.service} sources: ${configured.join(', ')}`;
    super('UnknownSource', `unknown ${dataSource.service} source "${dataSource.resource}": not in the data_sources of ${where} (${known})`, {
      source: 'user',
      exitCode: options.exitCode ?? ExitCode.Runtime,
      hint: `add "${dataSource.resource}" under clusters.<name>.data_sources.${dataSource.service} in variables.json`,
    });
  }
}

/**
 * Finds the cluster and candidate log types of a source. With `cluster`, only that cluster is searched
 * (the deployed rule processor serves one cluster); without, the first cluster that declares it wins.
 * @throws UnknownSourceError naming the source and listing the configured resources of that service.
 */
export function lookupSource(config: Pick<Config, 'clusters' | 'logs'>, source: SourceKey, cluster?: string): SourceMatch {
  // Own-property lookups only: a bucket, stream, topic or app named `constructor` or `__proto__` is a name.
  const clusters = cluster === undefined ? Object.values(config.clusters) : [ownValue(config.clusters, cluster)].filter((c) => c !== undefined);
  const declared = Object.keys(config.logs);
  for (const candidate of clusters) {
    const byResource = ownValue(candidate.data_sources, source.service);
    const entries = byResource === undefined ? undefined : ownValue(byResource, source.resource);
    if (Array.isArray(entries)) return { cluster: candidate.name, logTypes: expandLogTypes(entries, declared).logTypes };
  }
  const configured = [...new Set(clusters.flatMap((c) => Object.keys(ownValue(c.data_sources, source.service) ?? {})))];
  throw new UnknownSourceError(source, cluster, configured);
}

/** `obj[key]` when `key` is an own property, else undefined (never an inherited `constructor`). */
function ownValue<T>(obj: Readonly<Record<string, T>> | Partial<Record<string, T>>, key: string): T | undefined {
  return Object.prototype.hasOwnProperty.call(obj, key) ? obj[key] : undefined;
}

/** Source lookup with a cache, for a batch that sees the same few sources many times. */
export type SourceResolver = (source: SourceKey) => SourceMatch | UnknownSourceError;

/** Creates a caching {@link SourceResolver} that returns (not throws) the error for an unknown source. */
export function createSourceResolver(config: Pick<Config, 'clusters' | 'logs'>, cluster?: string): SourceResolver {
  const cache = new Map<string, SourceMatch | UnknownSourceError>();
  // The records of a batch nearly always share one source: compare with the last one before building a key.
  let last: { service: string; resource: string; found: SourceMatch | UnknownSourceError } | undefined;
  return (source) => {
    if (last !== undefined && last.service === source.service && last.resource === source.resource) return last.found;
    const key = `${source.service}\u0000${source.resource}`;
    let found = cache.get(key);
    if (found === undefined) {
      try {
        found = lookupSource(config, source, cluster);
      } catch (err) {
        if (!(err instanceof UnknownSourceError)) throw err;
        found = err;
      }
      cache.set(key, found);
    }
    last = { service: source.service, resource: source.resource, found };
    return found;
  };
}
