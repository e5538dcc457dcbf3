/**
 * The typed, validated configuration. Built once by `loadConfig` (CLI) or embedded in a Lambda bundle;
 * nothing downstream reads the raw JSON files. Module options keep the names of `variables.json` so that
 * an error message and the file speak the same language; every default is resolved here.
 */

import type { LookupTablesConfig, ThreatIntelConfig } from './intel';

export type * from './intel';

/** Deeply readonly view of a value. */
export type DeepReadonly<T> = T extends (...args: never[]) => unknown
  ? T
  : T extends readonly (infer U)[]
    ? readonly DeepReadonly<U>[]
    : T extends object
      ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
      : T;

/** Input services a cluster reads from; the keys of `data_sources`. */
export const LOG_SERVICES = ['kinesis', 's3', 'sns', 'sqs', 'streamalert_app', 'cloudwatch_logs'] as const;
export type LogService = (typeof LOG_SERVICES)[number];

/** Resource name (stream, bucket, topic, queue, app, log group) -> log types or families it carries. */
export type SourceMap = Readonly<Record<string, readonly string[]>>;
export type DataSources = Readonly<Partial<Record<LogService, SourceMap>>>;

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LambdaRuntime = 'nodejs22.x' | 'nodejs24.x' | 'nodejs20.x';

export interface FunctionSettings {
  readonly runtime: LambdaRuntime;
  readonly memory: number;
  readonly timeout: number;
  readonly log_retention_days: number;
  readonly log_level: LogLevel;
}

export interface RuleProcessorModule extends FunctionSettings {
  /** Reserved concurrency, when set. */
  readonly concurrency_limit?: number;
  readonly environment: Readonly<Record<string, string>>;
}

export interface KinesisModule {
  readonly enabled: boolean;
  readonly streams: {
    readonly shards: number;
    readonly on_demand: boolean;
    readonly retention: number;
    readonly shard_level_metrics: readonly string[];
    readonly create_user: boolean;
    readonly create_writer_role: boolean;
    readonly writer_principals: readonly string[];
  };
}

export interface KinesisEventsModule {
  readonly enabled: boolean;
  readonly batch_size: number;
  readonly starting_position: 'TRIM_HORIZON' | 'LATEST';
  readonly batching_window_seconds: number;
  readonly bisect_on_error: boolean;
  readonly maximum_retry_attempts: number;
  readonly maximum_record_age_seconds: number;
  readonly on_failure_destination: boolean;
}

export interface AlarmSettings {
  readonly enabled: boolean;
  readonly threshold: number;
  readonly evaluation_periods: number;
  readonly period_seconds: number;
}

export interface CloudwatchMonitoringModule {
  readonly enabled: boolean;
  readonly lambda_alarms_enabled: boolean;
  readonly kinesis_alarms_enabled: boolean;
  readonly lambda_errors: AlarmSettings;
  readonly lambda_throttles: AlarmSettings;
  readonly lambda_iterator_age: AlarmSettings;
  readonly kinesis_write_throughput_exceeded: AlarmSettings;
  readonly kinesis_iterator_age: AlarmSettings;
}

export interface S3EventFilter {
  readonly filter_prefix?: string;
  readonly filter_suffix?: string;
}

export interface CloudwatchLogsModule {
  readonly enabled: boolean;
  readonly subscribe_function_errors: boolean;
  readonly cross_account_ids: readonly string[];
  readonly regions: readonly string[];
}

export interface FlowLogsModule {
  readonly enabled: boolean;
  readonly vpcs: readonly string[];
  readonly subnets: readonly string[];
  readonly enis: readonly string[];
  readonly log_retention_days: number;
}

export interface CloudtrailModule {
  readonly enabled: boolean;
  readonly multi_region: boolean;
  readonly include_global_service_events: boolean;
  readonly send_to_kinesis: boolean;
}

/** A cluster's modules; an absent optional module is `undefined`. */
export interface ClusterModules {
  readonly rule_processor: RuleProcessorModule;
  readonly kinesis?: KinesisModule;
  readonly kinesis_events?: KinesisEventsModule;
  readonly cloudwatch_monitoring?: CloudwatchMonitoringModule;
  /** Bucket name -> notification filters (an empty list means every object). */
  readonly s3_events?: Readonly<Record<string, readonly S3EventFilter[]>>;
  readonly sns_inputs?: { readonly topics: readonly string[] };
  readonly sqs_inputs?: { readonly queues: readonly string[]; readonly batch_size: number };
  readonly cloudwatch_logs?: CloudwatchLogsModule;
  readonly flow_logs?: FlowLogsModule;
  readonly cloudtrail?: CloudtrailModule;
  /** Function name -> app settings. */
  readonly streamalert_apps?: Readonly<Record<string, AppModule>>;
}

/** One StreamAlert app of a cluster (`modules.streamalert_apps.<function name>`). */
export interface AppModule {
  readonly app_name: string;
  /** App type ('duo_auth', 'okta_system_log', ...). */
  readonly type: string;
  /** EventBridge rate expression. */
  readonly schedule_expression: string;
  readonly memory: number;
  readonly timeout: number;
  readonly log_level: LogLevel;
  readonly log_retention_days: number;
  readonly first_run_lookback_seconds: number;
  /** Errors alarm (on by default). */
  readonly errors_alarm: { readonly enabled: boolean; readonly evaluation_periods: number; readonly period_seconds: number };
}

/** Names of the cluster modules, as written in `variables.json`. */
export type ClusterModuleName = keyof ClusterModules;

export interface ClusterConfig {
  readonly name: string;
  readonly region: string;
  readonly data_sources: DataSources;
  readonly modules: ClusterModules;
}

export interface FirehoseSettings {
  readonly enabled: boolean;
  readonly buffer_size_mb: number;
  readonly buffer_interval_seconds: number;
  readonly compression: 'GZIP' | 'UNCOMPRESSED' | 'Snappy' | 'ZIP';
  /** Resolved log types (never families) to deliver. */
  readonly log_types: readonly string[];
}

/** The alert merger (scheduled): dispatch, merging, retries with backoff, dead letters. */
export interface AlertMergerSettings {
  /** EventBridge schedule expression. */
  readonly schedule: string;
  readonly memory: number;
  readonly timeout: number;
  /** Most alerts one run reads from the table, all rules together. */
  readonly max_alerts_per_run: number;
  /** Dispatches of one alert before it is dead-lettered. */
  readonly max_attempts: number;
  /** Age (from creation) past which an alert with outputs still unsent is dead-lettered. */
  readonly max_age_minutes: number;
  /** Wait before the first re-dispatch, doubled at each attempt up to `backoff_max_seconds`. */
  readonly backoff_base_seconds: number;
  readonly backoff_max_seconds: number;
  /** Most alerts merged into one. */
  readonly merge_group_cap: number;
}

/** The alert processor: publishers and outputs. */
export interface AlertProcessorSettings {
  readonly memory: number;
  readonly timeout: number;
  /** Longest one output call may take, in seconds. */
  readonly output_timeout_seconds: number;
  /** How long a container keeps output secrets read from SSM, in seconds. */
  readonly secrets_cache_seconds: number;
}

/** Alert delivery (`global.alerts`). */
export interface AlertsSettings {
  /** Days before DynamoDB expires an alert item (TTL attribute). */
  readonly ttl_days: number;
  readonly merger: AlertMergerSettings;
  readonly processor: AlertProcessorSettings;
}

/** Historical search: the Athena workgroup. */
export interface AthenaSettings {
  /** Athena cancels a query that would scan more (BytesScannedCutoffPerQuery). */
  readonly bytes_scanned_cutoff_gb: number;
}

/** Rule staging and promotion (`global.rule_staging`). */
export interface RuleStagingSettings {
  /** Stage new rules on deploy and route staged alerts to the staging output only. */
  readonly enabled: boolean;
  /** Hours a new rule stays staged. */
  readonly staged_hours: number;
  /** A rule is promoted when its staged alerts stayed below this count. */
  readonly max_alerts: number;
  /** Schedule of the promotion function (EventBridge expression). */
  readonly schedule: string;
  readonly memory: number;
  readonly timeout: number;
  /** How long a rule processor container trusts what it read from the rules table, in seconds. */
  readonly cache_seconds: number;
}

export interface GlobalSettings {
  readonly firehose: FirehoseSettings;
  readonly rule_staging: RuleStagingSettings;
  readonly athena: AthenaSettings;
  readonly monitoring: { readonly topic_name: string };
  readonly s3_access_logs: { readonly retention_days: number };
  readonly alerts: AlertsSettings;
  /**
   * Days objects are kept in the data bucket, by key prefix (`dead-letter/`, `alerts/`, a log type's Firehose
   * prefix such as `cloudtrail_events/`); prefixes not listed are kept until deleted.
   */
  readonly data_retention_days: Readonly<Record<string, number>>;
}

export interface AccountSettings {
  readonly id: string;
  readonly prefix: string;
  readonly region: string;
}

export interface TerraformSettings {
  readonly state_bucket: string;
  readonly state_key: string;
  readonly use_lockfile: boolean;
  readonly aws_provider_version: string;
}

/** A schema field type, as StreamAlert writes it. */
export type FieldType =
  | 'string'
  | 'integer'
  | 'float'
  | 'boolean'
  | 'ipaddress'
  | readonly FieldType[]
  | { readonly [key: string]: FieldType };

export type SchemaSpec = Readonly<Record<string, FieldType>>;

/** One normalized-type source: where to read it, and optionally when. */
export interface NormalizedPath {
  readonly path: readonly string[];
  readonly function?: string;
  readonly condition?: {
    readonly path: readonly string[];
    readonly is?: unknown;
    readonly is_not?: unknown;
    readonly in?: readonly unknown[];
    readonly not_in?: readonly unknown[];
    readonly contains?: string;
    readonly not_contains?: string;
  };
  readonly send_to_artifacts?: boolean;
}

export interface ParserConfiguration {
  readonly json_path?: string;
  readonly envelope_keys?: SchemaSpec;
  readonly optional_envelope_keys?: readonly string[];
  /** Optional keys with the type their default comes from (a v3 list is resolved against `schema`). */
  readonly optional_top_level_keys?: SchemaSpec;
  readonly embedded_json?: boolean;
  readonly json_regex_key?: string;
  readonly log_patterns?: Readonly<Record<string, unknown>>;
  readonly priority?: number;
  /**
   * Keys a record has that the schema does not list: `reject` (StreamAlert's exact matching) fails the match;
   * `keep` lets the declared keys decide and copies the others into the classified record untouched.
   * @default 'reject'
   */
  readonly extra_keys?: 'keep' | 'reject';
  readonly delimiter?: string;
  readonly separator?: string;
  readonly quotechar?: string;
  readonly escapechar?: string;
  /** Normalized type -> where its values are; the v1 short form (a bare path) is resolved to one entry. */
  readonly normalization?: Readonly<Record<string, readonly NormalizedPath[]>>;
}

/** `spaced` (space-separated access and flow logs) is ours; the others are StreamAlert's. */
export type ParserName = 'json' | 'csv' | 'kv' | 'syslog' | 'spaced';

export interface LogSchema {
  /** Log type name, such as 'cloudtrail:events'. */
  readonly name: string;
  readonly parser: ParserName;
  /** True for 1.x `gzip-json`: same parser, data expected compressed. */
  readonly gzip: boolean;
  readonly schema: SchemaSpec;
  readonly configuration: ParserConfiguration;
  /** File the schema was read from (for messages). */
  readonly file: string;
}

/** The whole validated configuration. */
export interface Config {
  /** Directory the configuration was read from. */
  readonly dir: string;
  readonly account: AccountSettings;
  readonly terraform: TerraformSettings;
  readonly functions: FunctionSettings;
  readonly global: GlobalSettings;
  readonly clusters: Readonly<Record<string, ClusterConfig>>;
  /** Log type name -> schema. */
  readonly logs: Readonly<Record<string, LogSchema>>;
  /** Output service -> descriptor -> optional non-secret setting (resource name, ARN...). */
  readonly outputs: Readonly<Record<string, Readonly<Record<string, string | null>>>>;
  /** `lookup_tables.json` (disabled, no tables, when absent). */
  readonly lookup_tables: LookupTablesConfig;
  /** `threat_intel.json` (disabled when absent). */
  readonly threat_intel: ThreatIntelConfig;
  /** `scheduled_queries.json` (disabled, no packs, when absent). */
  readonly scheduled_queries: ScheduledQueriesConfig;
  /** `sigma.json`: how Sigma rules load (built-in mappings only, no outputs, when absent). */
  readonly sigma: SigmaSettings;
}

/** How Sigma fields are found in one log type's records (`sigma.json` `logsources[].log_types`). */
export interface SigmaLogTypeMapping {
  /** Dotted path of the object Sigma fields are read from ('detail' for EventBridge). */
  readonly root?: string;
  /** Sigma field name -> dotted record path (from the root). */
  readonly fields?: Readonly<Record<string, string>>;
  /** Match field names case-insensitively where the schema does not declare the keys. */
  readonly fold_case?: boolean;
}

/** One Sigma logsource and the log types it maps to. */
export interface SigmaLogsource {
  readonly product?: string;
  readonly service?: string;
  readonly category?: string;
  readonly log_types: Readonly<Record<string, SigmaLogTypeMapping>>;
}

/** `sigma.json`. */
export interface SigmaSettings {
  /** Outputs of Sigma rules that name none. */
  readonly outputs: readonly string[];
  /** Use the built-in logsource mappings too. */
  readonly builtin_logsources: boolean;
  /** The file's own logsource mappings. */
  readonly logsources: readonly SigmaLogsource[];
}

/** Scheduled Athena queries (`scheduled_queries.json`). */
export interface ScheduledQueriesConfig {
  readonly enabled: boolean;
  /** Kinesis stream the streamquery records go to. */
  readonly destination_kinesis_stream: string;
  /** Longest a pack's queries may run (seconds). */
  readonly timeout_secs: number;
  /** Wait between checks of running queries (seconds). */
  readonly wait_secs: number;
  readonly packs: Readonly<Record<string, { readonly description: string; readonly schedule_expression: string }>>;
  readonly queries: Readonly<Record<string, { readonly pack: string; readonly description: string; readonly query: string; readonly tags: readonly string[] }>>;
  /** The scheduled query function (StreamAlert's `lambda_config`). */
  readonly function: {
    readonly memory: number;
    readonly timeout: number;
    readonly log_level: string;
    readonly log_retention_days: number;
    readonly alarms_enabled: boolean;
    readonly error_threshold: number;
    readonly error_period_secs: number;
    readonly error_evaluation_periods: number;
  };
}
