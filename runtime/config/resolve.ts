/**
 * Turns validated raw files into the typed {@link Config}: resolves every default and checks what a
 * JSON Schema cannot (references between files, names that collide).
 */
import { resolveScheduledQueries } from './resolve-scheduled-queries';
import { resolveSigma } from './resolve-sigma';
import type { ConfigProblem } from '../errors';
import { expandLogTypes } from './log-types';
import { closest } from './validate';
import { resolveLogs } from './resolve-logs';
import { DEFAULT_RULE_STAGING, resolveAlerts } from './resolve-alerts';
import { resolveModules } from './resolve-modules';
import type { ClusterConfig, Config, DataSources, FunctionSettings } from './types';
import { resolveLookupTables, resolveThreatIntel } from './intel';
import { applyNormalizedTypes } from './normalized-types';
import { LOG_SERVICES } from './types';

/* eslint-disable @typescript-eslint/no-explicit-any -- raw JSON has been validated by JSON Schema already */
type Raw = any;

/** Cluster names that would collide with global Terraform files or CLI words. */
export const RESERVED_CLUSTER_NAMES = ['main', 'global', 'variables', 'backend', 'provider', 'all'] as const;

export interface RawFiles {
  readonly dir: string;
  readonly variables: { readonly file: string; readonly value: Raw };
  /** One entry per schema file, in file-name order. */
  readonly logs: readonly { readonly file: string; readonly value: Raw }[];
  readonly outputs?: { readonly file: string; readonly value: Raw };
  readonly lookupTables?: { readonly file: string; readonly value: Raw };
  readonly threatIntel?: { readonly file: string; readonly value: Raw };
  readonly normalizedTypes?: { readonly file: string; readonly value: Raw };
  readonly scheduledQueries?: { readonly file: string; readonly value: Raw };
  readonly sigma?: { readonly file: string; readonly value: Raw };
}

/** Resolves defaults and cross-file references; returns problems instead of throwing. */
export function resolveConfig(raw: RawFiles): { config?: Config; problems: ConfigProblem[] } {
  const problems: ConfigProblem[] = [];
  const ownLogs = resolveLogs(raw.logs, problems);
  const normalizedTypes = { ...(raw.normalizedTypes?.value ?? {}) };
  delete normalizedTypes.$schema;
  const logs = applyNormalizedTypes(ownLogs, normalizedTypes);
  const declared = Object.keys(logs);
  const vars = raw.variables.value;
  const file = raw.variables.file;

  const account = { id: vars.account.id, prefix: vars.account.prefix, region: vars.account.region };
  const tf = vars.terraform ?? {};
  const fn = vars.functions ?? {};
  const functions: FunctionSettings = {
    runtime: fn.runtime ?? 'nodejs22.x',
    memory: fn.memory ?? 128,
    timeout: fn.timeout ?? 60,
    log_retention_days: fn.log_retention_days ?? 14,
    log_level: fn.log_level ?? 'info',
  };

  const clusters: Record<string, ClusterConfig> = {};
  const allClusterLogTypes: string[] = [];
  for (const [name, cluster] of Object.entries<Raw>(vars.clusters)) {
    const pointer = `/clusters/${name}`;
    if ((RESERVED_CLUSTER_NAMES as readonly string[]).includes(name)) {
      problems.push({
        file,
        pointer,
        message: `cluster name "${name}" is reserved (it would collide with a global Terraform file or a CLI word)`,
        hint: `rename the cluster; reserved names: ${RESERVED_CLUSTER_NAMES.join(', ')}`,
      });
    }
    const dataSources: Record<string, Record<string, string[]>> = {};
    for (const service of LOG_SERVICES) {
      const sources: Record<string, string[]> | undefined = cluster.data_sources[service];
      if (!sources) continue;
      dataSources[service] = {};
      for (const [resource, entries] of Object.entries(sources)) {
        const { logTypes, unknown } = expandLogTypes(entries, declared);
        unknown.forEach((entry) => {
          const guess = closest(entry, [...new Set(declared.map((d) => d.split(':')[0])), ...declared]);
          problems.push({
            file,
            pointer: `${pointer}/data_sources/${service}/${resource.replace(/~/g, '~0').replace(/\//g, '~1')}/${entries.indexOf(entry)}`,
            message: 'names no log type declared in the schemas',
            value: entry,
            hint: guess ? `did you mean "${guess}"?` : 'declare it in conf/schemas/*.json, or remove it',
          });
        });
        dataSources[service][resource] = entries.slice();
        allClusterLogTypes.push(...logTypes);
      }
    }
    clusters[name] = {
      name,
      region: cluster.region ?? account.region,
      data_sources: dataSources as DataSources,
      modules: resolveModules(cluster.modules ?? {}, functions),
    };
  }

  const gl = vars.global ?? {};
  const fh = gl.firehose ?? {};
  let firehoseTypes = [...new Set(allClusterLogTypes)];
  if (fh.log_types) {
    const { logTypes, unknown } = expandLogTypes(fh.log_types, declared);
    unknown.forEach((entry) =>
      problems.push({
        file,
        pointer: `/global/firehose/log_types/${(fh.log_types as string[]).indexOf(entry)}`,
        message: 'names no log type declared in the schemas',
        value: entry,
      }),
    );
    firehoseTypes = logTypes;
  }

  const outputs: Record<string, Record<string, string | null>> = {};
  for (const [service, descriptors] of Object.entries<Raw>(raw.outputs?.value ?? {})) {
    if (service === '$schema') continue;
    outputs[service] = Array.isArray(descriptors)
      ? Object.fromEntries(descriptors.map((d: string) => [d, null]))
      : { ...descriptors };
  }

  const scheduledQueries = resolveScheduledQueries(raw.scheduledQueries?.value, raw.scheduledQueries?.file ?? 'scheduled_queries.json', problems);
  const threatIntel = resolveThreatIntel(raw.threatIntel?.value, account.prefix, Object.keys(clusters), raw.threatIntel?.file ?? 'threat_intel.json', problems);
  if (problems.length > 0) return { problems };
  const config: Config = {
    dir: raw.dir,
    account,
    terraform: {
      state_bucket: tf.state_bucket ?? `${account.prefix}-streamalert-terraform-state`,
      state_key: tf.state_key ?? 'streamalert/terraform.tfstate',
      use_lockfile: tf.use_lockfile ?? true,
      aws_provider_version: tf.aws_provider_version ?? '~> 6.0',
    },
    functions,
    global: {
      firehose: {
        enabled: fh.enabled ?? false,
        buffer_size_mb: fh.buffer_size_mb ?? 128,
        buffer_interval_seconds: fh.buffer_interval_seconds ?? 900,
        compression: fh.compression ?? 'GZIP',
        log_types: firehoseTypes,
      },
      athena: { bytes_scanned_cutoff_gb: gl.athena?.bytes_scanned_cutoff_gb ?? 10 },
      monitoring: { topic_name: gl.monitoring?.topic_name ?? `${account.prefix}_streamalert_monitoring` },
      s3_access_logs: { retention_days: gl.s3_access_logs?.retention_days ?? 365 },
      alerts: resolveAlerts(gl.alerts ?? {}),
      rule_staging: { ...DEFAULT_RULE_STAGING, ...(gl.rule_staging ?? {}) },
      data_retention_days: { 'dead-letter/': 365, ...(gl.data_retention_days ?? {}) },
    },
    clusters,
    logs,
    outputs,
    lookup_tables: resolveLookupTables(raw.lookupTables?.value),
    threat_intel: threatIntel,
    scheduled_queries: scheduledQueries,
    sigma: resolveSigma(raw.sigma, logs, problems),
  };
  return { config, problems };
}
