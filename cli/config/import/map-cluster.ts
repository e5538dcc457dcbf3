/** Maps one StreamAlert cluster file (v3 or 1.4) to this project's cluster modules. */
import type { Json } from './types';

/** StreamAlert cloudwatch_monitoring `settings` key -> our alarm name. */
const ALARM_SETTINGS: Record<string, string> = {
  lambda_invocation_error_threshold: 'lambda_errors',
  lambda_throttle_error_threshold: 'lambda_throttles',
  lambda_iterator_age_error_threshold: 'lambda_iterator_age',
  kinesis_iterator_age_error_threshold: 'kinesis_iterator_age',
  kinesis_write_throughput_exceeded_threshold: 'kinesis_write_throughput_exceeded',
};

/** Modules StreamAlert has that this project does not build (yet). */
const UNSUPPORTED_MODULES = ['cloudwatch_events', 'kinesis_firehose', 'threat_intel_downloader'];

/** StreamAlert app types this project runs (the rest are reported, not imported). */
const APP_TYPES = new Set(['aliyun_actiontrail', 'box_admin_events', 'duo_admin', 'duo_auth', 'github_audit_log', 'gsuite_access_transparency', 'gsuite_admin', 'gsuite_calendar', 'gsuite_drive', 'gsuite_gcp', 'gsuite_gplus', 'gsuite_groups', 'gsuite_groups_enterprise', 'gsuite_login', 'gsuite_meet', 'gsuite_mobile', 'gsuite_rules', 'gsuite_saml', 'gsuite_token', 'gsuite_user_accounts', 'intercom_admin_activity_logs', 'okta_system_log', 'onelogin_events', 'slack_access', 'slack_integration']);

/** Maps cluster modules; `warn` collects what is approximate or dropped. */
export function mapClusterModules(cluster: Json, name: string, warn: (line: string) => void): Record<string, unknown> {
  const modules: Json = cluster.modules ?? {};
  const out: Record<string, unknown> = {};
  const classifier: Json = cluster.classifier_config ?? modules.stream_alert?.rule_processor ?? {};

  const rp: Record<string, unknown> = {};
  for (const key of ['memory', 'timeout', 'log_level', 'log_retention_days'] as const) {
    if (classifier[key] !== undefined) rp[key] = key === 'log_level' ? String(classifier[key]).toLowerCase() : classifier[key];
  }
  if (rp.log_level === 'warning') rp.log_level = 'warn';
  if (rp.log_level === 'critical') rp.log_level = 'error';
  out.rule_processor = rp;

  const snsTopics: string[] = classifier.inputs?.['aws-sns'] ?? [];
  if (snsTopics.length > 0) out.sns_inputs = { topics: snsTopics };

  if (modules.kinesis) {
    const s: Json = modules.kinesis.streams ?? {};
    const streams: Record<string, unknown> = {};
    if (s.shards !== undefined) streams.shards = s.shards;
    if (s.retention !== undefined) streams.retention = s.retention;
    if (s.shard_level_metrics) streams.shard_level_metrics = s.shard_level_metrics;
    if (Array.isArray(s.terraform_outputs) && s.terraform_outputs.length > 0) {
      streams.create_user = true;
      warn(`clusters/${name}: kinesis writer user is created, but its access keys are not Terraform outputs (secrets stay out of Terraform)`);
    }
    if (Array.isArray(s.trusted_accounts) && s.trusted_accounts.length > 0) {
      warn(`clusters/${name}: kinesis trusted_accounts not imported; grant writers with modules.kinesis.streams.writer_principals`);
    }
    out.kinesis = { streams };
    if (modules.kinesis.firehose) warn(`clusters/${name}: kinesis.firehose maps to global.firehose`);
  }
  if (modules.kinesis_events) {
    out.kinesis_events = pick(modules.kinesis_events, ['enabled', 'batch_size']);
  }
  if (modules.cloudwatch_monitoring) out.cloudwatch_monitoring = mapMonitoring(modules.cloudwatch_monitoring, cluster, name, warn);
  if (modules.s3_events) out.s3_events = mapS3Events(modules.s3_events);
  if (modules.cloudwatch_logs_destination) {
    out.cloudwatch_logs = pick(modules.cloudwatch_logs_destination, ['enabled', 'cross_account_ids', 'regions']);
  }
  if (modules.flow_logs) {
    out.flow_logs = pick(modules.flow_logs, ['enabled', 'vpcs', 'subnets', 'enis']);
    if (modules.flow_logs.log_group_name) warn(`clusters/${name}: flow_logs.log_group_name not imported (names are derived from the prefix)`);
  }
  if (modules.cloudtrail) {
    const ct: Json = modules.cloudtrail;
    const mapped: Record<string, unknown> = { enabled: ct.enable_logging ?? ct.enabled ?? true };
    if (ct.send_to_cloudwatch !== undefined || ct.enable_kinesis !== undefined) {
      mapped.send_to_kinesis = Boolean(ct.send_to_cloudwatch ?? ct.enable_kinesis);
    }
    if (ct.is_global_trail !== undefined) mapped.multi_region = ct.is_global_trail;
    out.cloudtrail = mapped;
  }
  const apps = modules.streamalert_apps ?? modules.stream_alert_apps;
  if (apps) {
    const mapped = mapApps(apps, name, warn);
    if (Object.keys(mapped).length > 0) out.streamalert_apps = mapped;
  }
  for (const module of UNSUPPORTED_MODULES) {
    if (modules[module]) warn(`clusters/${name}: module "${module}" is not supported and was not imported`);
  }
  return out;
}

function pick(source: Json, keys: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(keys.filter((k) => source[k] !== undefined).map((k) => [k, source[k]]));
}

function mapMonitoring(m: Json, cluster: Json, name: string, warn: (line: string) => void): Record<string, unknown> {
  const out = pick(m, ['enabled', 'lambda_alarms_enabled', 'kinesis_alarms_enabled']);
  for (const [key, value] of Object.entries<Json>(m.settings ?? {})) {
    const alarm = ALARM_SETTINGS[key];
    if (alarm) out[alarm] = { threshold: value };
    else warn(`clusters/${name}: cloudwatch_monitoring setting "${key}" not imported`);
  }
  const alarms: Json = cluster.classifier_config?.metric_alarms ?? {};
  for (const [source, target] of [
    ['errors', 'lambda_errors'],
    ['throttles', 'lambda_throttles'],
  ] as const) {
    const a = alarms[source];
    if (!a || out[target]) continue;
    out[target] = {
      ...pick(a, ['enabled', 'threshold', 'evaluation_periods']),
      ...(a.period_secs !== undefined ? { period_seconds: a.period_secs } : {}),
    };
  }
  return out;
}

/** v3: `{ bucket: [filters] }`; 1.4: `[{ bucket_id, filter_prefix?, filter_suffix? }]`. */
function mapS3Events(value: Json): Record<string, unknown> {
  if (!Array.isArray(value)) return { ...value };
  const out: Record<string, unknown[]> = {};
  for (const entry of value) {
    const bucket = String(entry.bucket_id);
    const filter = pick(entry, ['filter_prefix', 'filter_suffix']);
    out[bucket] = [...(out[bucket] ?? []), ...(Object.keys(filter).length ? [filter] : [])];
  }
  return out;
}

/** StreamAlert's `streamalert_apps` (1.x: `stream_alert_apps`): same keys; credentials must be stored again. */
function mapApps(apps: Json, cluster: string, warn: (line: string) => void): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [fn, app] of Object.entries<Json>(apps)) {
    if (!APP_TYPES.has(app.type)) {
      warn(`clusters/${cluster}: app "${fn}" of type "${app.type}" is not supported here and was not imported`);
      continue;
    }
    const mapped: Record<string, unknown> = pick(app, ['app_name', 'type', 'schedule_expression', 'memory', 'timeout', 'log_retention_days', 'concurrency_limit']);
    if (app.log_level !== undefined) mapped.log_level = String(app.log_level).toLowerCase().replace('warning', 'warn').replace('critical', 'error');
    const errors = app.metric_alarms?.errors;
    if (errors) mapped.metric_alarms = { errors: pick(errors, ['enabled', 'evaluation_periods', 'period_secs']) };
    out[fn] = mapped;
    warn(`clusters/${cluster}: app "${fn}" imported; store its credentials again with \`streamalert app auth ${fn}\` (StreamAlert kept them under another SSM name)`);
  }
  return out;
}
