/** Which log types `streamalert process` tries, and which source its records carry: from --source or --log-types. */
import { LOG_SERVICES, expandLogTypes, type Config, type LogService } from '../../runtime/config';
import { lookupSource, UnknownSourceError } from '../../runtime/classifier/sources';
import { UsageError } from '../../runtime/errors';

/** The candidates and the data source (when named) of one run. */
export interface CandidatePlan {
  readonly logTypes: readonly string[];
  /** The data source named by --source, with the cluster that declares it. */
  readonly source?: { readonly service: LogService; readonly resource: string; readonly cluster: string };
  /** How the candidates were chosen, for the summary. */
  readonly description: string;
}

/**
 * Resolves `--source <service>:<resource>` (the data source's log types), `--log-types a,b` (names or
 * families), or, with neither, every declared log type.
 * @throws UsageError for a malformed or unknown source, unknown log types, or both options at once.
 */
export function planCandidates(config: Config, options: { readonly source?: string; readonly logTypes?: string; readonly cluster?: string }): CandidatePlan {
  const declared = Object.keys(config.logs);
  if (options.source !== undefined && options.logTypes !== undefined) {
    throw new UsageError('use either --source or --log-types, not both', '--source takes the log types of a data source; --log-types names them');
  }
  if (options.cluster !== undefined && config.clusters[options.cluster] === undefined) {
    throw new UsageError(`unknown cluster "${options.cluster}"`, `clusters: ${Object.keys(config.clusters).join(', ')}`);
  }
  if (options.source !== undefined) return planFromSource(config, options.source, options.cluster);
  if (options.logTypes !== undefined) {
    const entries = options.logTypes.split(',').map((s) => s.trim()).filter((s) => s !== '');
    const { logTypes, unknown } = expandLogTypes(entries, declared);
    if (entries.length === 0 || unknown.length > 0) {
      const shown = declared.slice(0, 15).join(', ') + (declared.length > 15 ? `, ... (${declared.length} in all)` : '');
      throw new UsageError(`--log-types: ${entries.length === 0 ? 'no log types given' : `unknown log type(s): ${unknown.join(', ')}`}`, `declared log types: ${shown}`);
    }
    return { logTypes, description: `--log-types ${entries.join(',')} (${logTypes.length} log type(s))` };
  }
  return { logTypes: declared, description: `every declared log type (${declared.length})` };
}

function planFromSource(config: Config, text: string, cluster: string | undefined): CandidatePlan {
  const colon = text.indexOf(':');
  const service = text.slice(0, colon);
  const resource = text.slice(colon + 1);
  if (colon <= 0 || resource === '' || !(LOG_SERVICES as readonly string[]).includes(service)) {
    throw new UsageError(`--source: expected <service>:<resource>, got "${text}"`, `service is one of ${LOG_SERVICES.join(', ')}; for example --source kinesis:my_stream`);
  }
  try {
    const match = lookupSource(config, { service: service as LogService, resource }, cluster);
    return {
      logTypes: match.logTypes,
      source: { service: service as LogService, resource, cluster: match.cluster },
      description: `${service} source ${resource} of cluster ${match.cluster} (${match.logTypes.length} log type(s))`,
    };
  } catch (err) {
    if (err instanceof UnknownSourceError) throw new UsageError(err.message, err.hint);
    throw err;
  }
}
