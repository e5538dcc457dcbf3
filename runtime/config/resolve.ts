/**
 * Turns validated raw files into the typed {@link Config}: resolves every default and checks what a
 * JSON Schema cannot (references between files, names that collide).
 */
import type { ConfigProblem } from '../errors';
import { expandLogTypes } from './log-types';
import { closest } from './validate';
import type {
  AlarmSettings,
  ClusterConfig,
  ClusterModules,
  Config,
  DataSources,
  FieldType,
  FunctionSettings,
  LogSchema,
  NormalizedPath,
  ParserConfiguration,
  SchemaSpec,
} from './types';
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
}

/** Resolves defaults and cross-file references; returns problems instead of throwing. */
export function resolveConfig(raw: RawFiles): { config?: Config; problems: ConfigProblem[] } {
  const problems: ConfigProblem[] = [];
  const logs = resolveLogs(raw.logs, problems);
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
      monitoring: { topic_name: gl.monitoring?.topic_name ?? `${account.prefix}_streamalert_monitoring` },
      s3_access_logs: { retention_days: gl.s3_access_logs?.retention_days ?? 365 },
    },
    clusters,
    logs,
    outputs,
  };
  return { config, problems };
}

function alarm(raw: Raw, threshold: number): AlarmSettings {
  return {
    enabled: raw?.enabled ?? true,
    threshold: raw?.threshold ?? threshold,
    evaluation_periods: raw?.evaluation_periods ?? 1,
    period_seconds: raw?.period_seconds ?? 120,
  };
}

/** A module is on when present, unless it says `"enabled": false`. */
function isOn(raw: Raw): boolean {
  return raw?.enabled !== false;
}

function resolveModules(m: Raw, defaults: FunctionSettings): ClusterModules {
  const rp = m.rule_processor ?? {};
  const streams = m.kinesis?.streams ?? {};
  return {
    rule_processor: {
      runtime: rp.runtime ?? defaults.runtime,
      memory: rp.memory ?? defaults.memory,
      timeout: rp.timeout ?? defaults.timeout,
      log_retention_days: rp.log_retention_days ?? defaults.log_retention_days,
      log_level: rp.log_level ?? defaults.log_level,
      concurrency_limit: rp.concurrency_limit,
      environment: { ...(rp.environment ?? {}) },
    },
    kinesis: m.kinesis && {
      enabled: isOn(m.kinesis),
      streams: {
        shards: streams.shards ?? 1,
        on_demand: streams.on_demand ?? false,
        retention: streams.retention ?? 24,
        shard_level_metrics: streams.shard_level_metrics ?? [],
        create_user: streams.create_user ?? false,
        create_writer_role: streams.create_writer_role ?? false,
        writer_principals: streams.writer_principals ?? [],
      },
    },
    kinesis_events: m.kinesis_events && {
      enabled: isOn(m.kinesis_events),
      batch_size: m.kinesis_events.batch_size ?? 100,
      starting_position: m.kinesis_events.starting_position ?? 'TRIM_HORIZON',
      batching_window_seconds: m.kinesis_events.batching_window_seconds ?? 0,
      bisect_on_error: m.kinesis_events.bisect_on_error ?? true,
      maximum_retry_attempts: m.kinesis_events.maximum_retry_attempts ?? 3,
      maximum_record_age_seconds: m.kinesis_events.maximum_record_age_seconds ?? 3600,
      on_failure_destination: m.kinesis_events.on_failure_destination ?? true,
    },
    cloudwatch_monitoring: m.cloudwatch_monitoring && {
      enabled: isOn(m.cloudwatch_monitoring),
      lambda_alarms_enabled: m.cloudwatch_monitoring.lambda_alarms_enabled ?? true,
      kinesis_alarms_enabled: m.cloudwatch_monitoring.kinesis_alarms_enabled ?? true,
      lambda_errors: alarm(m.cloudwatch_monitoring.lambda_errors, 0),
      lambda_throttles: alarm(m.cloudwatch_monitoring.lambda_throttles, 0),
      lambda_iterator_age: alarm(m.cloudwatch_monitoring.lambda_iterator_age, 1_000_000),
      kinesis_write_throughput_exceeded: alarm(m.cloudwatch_monitoring.kinesis_write_throughput_exceeded, 0),
      kinesis_iterator_age: alarm(m.cloudwatch_monitoring.kinesis_iterator_age, 1_000_000),
    },
    s3_events: m.s3_events && { ...m.s3_events },
    sns_inputs: m.sns_inputs && { topics: m.sns_inputs.topics },
    sqs_inputs: m.sqs_inputs && { queues: m.sqs_inputs.queues, batch_size: m.sqs_inputs.batch_size ?? 10 },
    cloudwatch_logs: m.cloudwatch_logs && {
      enabled: isOn(m.cloudwatch_logs),
      subscribe_function_errors: m.cloudwatch_logs.subscribe_function_errors ?? true,
      cross_account_ids: m.cloudwatch_logs.cross_account_ids ?? [],
      regions: m.cloudwatch_logs.regions ?? [],
    },
    flow_logs: m.flow_logs && {
      enabled: isOn(m.flow_logs),
      vpcs: m.flow_logs.vpcs ?? [],
      subnets: m.flow_logs.subnets ?? [],
      enis: m.flow_logs.enis ?? [],
      log_retention_days: m.flow_logs.log_retention_days ?? defaults.log_retention_days,
    },
    cloudtrail: m.cloudtrail && {
      enabled: isOn(m.cloudtrail),
      multi_region: m.cloudtrail.multi_region ?? true,
      include_global_service_events: m.cloudtrail.include_global_service_events ?? true,
      send_to_kinesis: m.cloudtrail.send_to_kinesis ?? Boolean(m.kinesis && isOn(m.kinesis)),
    },
  };
}

function resolveLogs(files: RawFiles['logs'], problems: ConfigProblem[]): Record<string, LogSchema> {
  const logs: Record<string, LogSchema> = {};
  const origin: Record<string, string> = {};
  for (const { file, value } of files) {
    for (const [name, spec] of Object.entries<Raw>(value)) {
      if (name === '$schema') continue;
      if (logs[name]) {
        problems.push({
          file,
          pointer: `/${name}`,
          message: `log type "${name}" is declared twice (also in ${origin[name]})`,
          hint: 'keep one declaration',
        });
        continue;
      }
      origin[name] = file;
      logs[name] = resolveLogSchema(name, spec, file, problems);
    }
  }
  return logs;
}

function defaultTypeFor(key: string, schema: SchemaSpec): FieldType {
  return schema[key] ?? 'string';
}

function resolveLogSchema(name: string, spec: Raw, file: string, problems: ConfigProblem[]): LogSchema {
  const conf = spec.configuration ?? {};
  const schema: SchemaSpec = spec.schema;
  const configuration: Record<string, unknown> = { ...conf };
  if (Array.isArray(conf.optional_top_level_keys)) {
    configuration.optional_top_level_keys = Object.fromEntries(
      (conf.optional_top_level_keys as string[]).map((key) => [key, defaultTypeFor(key, schema)]),
    );
    (conf.optional_top_level_keys as string[]).forEach((key, i) => {
      if (!(key in schema)) {
        problems.push({
          file,
          pointer: `/${name}/configuration/optional_top_level_keys/${i}`,
          message: 'is not a key of the schema',
          value: key,
          hint: `add "${key}" to /${name}/schema, or remove it from optional_top_level_keys`,
        });
      }
    });
  }
  if (conf.normalization) {
    configuration.normalization = Object.fromEntries(
      Object.entries<Raw>(conf.normalization).map(([type, value]) => [type, resolveNormalization(value)]),
    );
  }
  const parser = spec.parser === 'gzip-json' ? 'json' : spec.parser;
  for (const key of ['delimiter', 'separator'] as const) {
    if (parser === 'csv' && key === 'delimiter' && typeof conf.delimiter === 'string' && conf.delimiter.length !== 1) {
      problems.push({
        file,
        pointer: `/${name}/configuration/delimiter`,
        message: 'a CSV delimiter must be exactly one character',
        value: conf.delimiter,
      });
    }
  }
  return {
    name,
    parser,
    gzip: spec.parser === 'gzip-json',
    schema,
    configuration: configuration as ParserConfiguration,
    file,
  };
}

/** The v1 short form is one bare path (a list of strings); v3 is a list of paths or path objects. */
function resolveNormalization(value: Raw): NormalizedPath[] {
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return [{ path: value }];
  return (value as Raw[]).map((entry) => (Array.isArray(entry) ? { path: entry } : { ...entry }));
}
