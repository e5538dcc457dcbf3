/** Resolves each cluster module of variables.json to its typed settings, with every default filled in. */
import type { AlarmSettings, AppModule, ClusterModules, FunctionSettings } from './types';

/* eslint-disable @typescript-eslint/no-explicit-any -- raw JSON has been validated by JSON Schema already */
type Raw = any;

function alarm(raw: Raw, threshold: number): AlarmSettings {
  return {
    enabled: raw?.enabled ?? true,
    threshold: raw?.threshold ?? threshold,
    evaluation_periods: raw?.evaluation_periods ?? 1,
    period_seconds: raw?.period_seconds ?? 120,
  };
}

/**
 * Oldest record the Kinesis mapping still retries, by default: the stream's retention less one hour (so the
 * mapping gives up, and sends the batch's metadata to its failure queue, before the stream drops the
 * record), within Lambda's 60..604800 seconds.
 */
export function defaultRecordAge(retentionHours: number): number {
  return Math.min(604_800, Math.max(60, (retentionHours - 1) * 3600));
}

/** A module is on when present, unless it says `"enabled": false`. */
function isOn(raw: Raw): boolean {
  return raw?.enabled !== false;
}

/** The typed modules of one cluster; `defaults` are the function defaults of variables.json. */
export function resolveModules(m: Raw, defaults: FunctionSettings): ClusterModules {
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
      // Retried until the record is about to leave the stream, not after 3 tries or an hour: a bad deploy
      // or an outage of a day must not drop data the stream still holds.
      maximum_retry_attempts: m.kinesis_events.maximum_retry_attempts ?? -1,
      maximum_record_age_seconds: m.kinesis_events.maximum_record_age_seconds ?? defaultRecordAge(streams.retention ?? 24),
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
    streamalert_apps: m.streamalert_apps && resolveApps(m.streamalert_apps, defaults),
  };
}

/** Apps: StreamAlert's per-app settings, with the function defaults (apps default to 128 MB, like StreamAlert). */
function resolveApps(raw: Raw, defaults: FunctionSettings): Record<string, AppModule> {
  const out: Record<string, AppModule> = {};
  for (const [name, app] of Object.entries<Raw>(raw)) {
    const errors = app.metric_alarms?.errors ?? {};
    out[name] = {
      app_name: app.app_name,
      type: app.type,
      schedule_expression: app.schedule_expression,
      memory: app.memory ?? 128,
      timeout: app.timeout ?? defaults.timeout,
      log_level: app.log_level ?? defaults.log_level,
      log_retention_days: app.log_retention_days ?? defaults.log_retention_days,
      first_run_lookback_seconds: app.first_run_lookback_seconds ?? 3600,
      errors_alarm: { enabled: errors.enabled ?? true, evaluation_periods: errors.evaluation_periods ?? 1, period_seconds: errors.period_secs ?? 120 },
    };
  }
  return out;
}
