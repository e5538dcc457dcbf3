/**
 * Names of deployed things, derived from the configuration in one place so that Terraform generation,
 * packaging, deploy and rollback always agree.
 */
import type { Config } from './types';

/** Alias that every trigger points at; `lambda deploy` and `lambda rollback` move it. */
export const PRODUCTION_ALIAS = 'production';

/**
 * Functions the configuration defines: 'rule' (one rule processor per cluster), 'alert' (the global alert
 * processor), 'merger' (the global alert merger) and 'threat_intel_downloader' (global, when
 * `threat_intel.json` enables its downloader), 'rule_promotion' (global, when `global.rule_staging.enabled`).
 */
export type FunctionKind = 'rule' | 'alert' | 'merger' | 'threat_intel_downloader' | 'rule_promotion' | 'apps' | 'scheduled_queries';

/** The `cluster` of global functions (alert processor, alert merger) in a {@link FunctionTarget}. */
export const GLOBAL_CLUSTER = 'global';

/** One deployable function. */
export interface FunctionTarget {
  readonly kind: FunctionKind;
  readonly cluster: string;
  /** Lambda function name (at most 64 characters: prefix <= 20, cluster <= 24). */
  readonly name: string;
  readonly region: string;
}

/** Name of a cluster's rule processor function. */
export function ruleProcessorName(config: Pick<Config, 'account'>, cluster: string): string {
  return `${config.account.prefix}_${cluster}_streamalert_rules`;
}

/**
 * Bucket that holds the Lambda packages (`<function>/<sha256>.zip`) of the functions in `region`.
 * Lambda takes code only from a bucket in the function's own region
 * (https://docs.aws.amazon.com/lambda/latest/api/API_FunctionCode.html), so every region with a
 * function has one: `<prefix>-streamalert-source` in the account region, `<prefix>-streamalert-source-<region>` elsewhere.
 */
export function sourceBucketName(config: Pick<Config, 'account'>, region: string): string {
  const base = `${config.account.prefix}-streamalert-source`;
  return region === config.account.region ? base : `${base}-${region}`;
}

/** SSM path of one app's parameters (`<path>/auth`, `<path>/state`): `/<prefix>/streamalert/apps/<function>`. */
export function appSsmPrefix(config: Pick<Config, 'account'>, functionName: string): string {
  return `/${config.account.prefix}/streamalert/apps/${functionName}`;
}

/** Name of the alert processor function (global): `<prefix>_streamalert_alert_processor`. */
export function alertProcessorName(config: Pick<Config, 'account'>): string {
  return `${config.account.prefix}_streamalert_alert_processor`;
}

/** Name of the alert merger function (global): `<prefix>_streamalert_alert_merger`. */
export function alertMergerName(config: Pick<Config, 'account'>): string {
  return `${config.account.prefix}_streamalert_alert_merger`;
}

/**
 * DynamoDB table of correlation state: `<prefix>_streamalert_correlation` (hash `group`, range `item`, TTL `ttl`);
 * made when a correlation or threshold rule exists, named to the rule processors in {@link CORRELATION_TABLE_ENV}.
 */
export function correlationTableName(config: Pick<Config, 'account'>): string {
  return `${config.account.prefix}_streamalert_correlation`;
}

/** Environment variable naming the correlation table to the rule processors. */
export const CORRELATION_TABLE_ENV = 'CORRELATION_TABLE';

/** DynamoDB table of pending alerts: `<prefix>_streamalert_alerts` (hash `RuleName`, range `AlertID`, TTL `TTL`). */
export function alertsTableName(config: Pick<Config, 'account'>): string {
  return `${config.account.prefix}_streamalert_alerts`;
}

/** SSM path under which each output descriptor keeps its properties: `/<prefix>/streamalert/outputs`. */
export function outputsSsmPrefix(config: Pick<Config, 'account'>): string {
  return `/${config.account.prefix}/streamalert/outputs`;
}

/** Name of the threat intel downloader function (StreamAlert's). */
export function threatIntelDownloaderName(config: Pick<Config, 'account'>): string {
  return `${config.account.prefix}_streamalert_threat_intel_downloader`;
}

/** SSM SecureString parameter holding the ThreatStream credentials, `{"api_user": ..., "api_key": ...}`. */
export function threatStreamParameterName(config: Pick<Config, 'account'>): string {
  return `/${config.account.prefix}/streamalert/threat_intel/threatstream`;
}

/** Key prefix, in the data bucket, of alert records too large for a DynamoDB item. */
export const ALERT_RECORDS_PREFIX = 'alerts/records/';
/** Key prefix, in the data bucket, of dead-lettered alerts. */
export const ALERT_DEAD_LETTER_PREFIX = 'alerts/dead-letter/';

/** Environment variables of the alert functions (and of the rule processor, for `ALERTS_TABLE`/`ALERTS_BUCKET`). */
export const ALERT_ENV = {
  table: 'ALERTS_TABLE',
  bucket: 'ALERTS_BUCKET',
  processorFunction: 'ALERT_PROCESSOR_FUNCTION',
  outputsSsmPrefix: 'OUTPUTS_SSM_PREFIX',
} as const;

/**
 * The two global alert functions (processor, merger) in the account region, with `cluster` set to
 * {@link GLOBAL_CLUSTER}. Kept apart from {@link functionTargets} until packaging builds their bundles.
 */
export function alertFunctionTargets(config: Pick<Config, 'account'> & { readonly global?: Pick<Config['global'], 'rule_staging'> }): FunctionTarget[] {
  const region = config.account.region;
  return [
    { kind: 'alert', cluster: GLOBAL_CLUSTER, name: alertProcessorName(config), region },
    { kind: 'merger', cluster: GLOBAL_CLUSTER, name: alertMergerName(config), region },
    ...(config.global?.rule_staging.enabled ? [{ kind: 'rule_promotion' as const, cluster: GLOBAL_CLUSTER, name: rulePromotionName(config), region }] : []),
  ];
}

/** The StreamAlert apps of every cluster (`modules.streamalert_apps`), in cluster order; one bundle serves them all. */
export function appFunctionTargets(config: Pick<Config, 'clusters'>): FunctionTarget[] {
  return Object.values(config.clusters).flatMap((cluster) =>
    Object.keys(cluster.modules.streamalert_apps ?? {}).map((name) => ({ kind: 'apps' as const, cluster: cluster.name, name, region: cluster.region })),
  );
}

/** Name of the scheduled query function (global): `<prefix>_streamalert_scheduled_queries`. */
export function scheduledQueriesFunctionName(config: Pick<Config, 'account'>): string {
  return `${config.account.prefix}_streamalert_scheduled_queries`;
}

/** The scheduled query function, when `scheduled_queries.json` enables it. */
export function scheduledQueryTargets(config: Pick<Config, 'account' | 'scheduled_queries'>): FunctionTarget[] {
  if (!config.scheduled_queries.enabled) return [];
  return [{ kind: 'scheduled_queries', cluster: GLOBAL_CLUSTER, name: scheduledQueriesFunctionName(config), region: config.account.region }];
}

/** The threat intel downloader, global in the account region, when `threat_intel.json` enables it (else none). */
export function threatIntelFunctionTargets(config: Pick<Config, 'account' | 'threat_intel'>): FunctionTarget[] {
  if (!config.threat_intel.downloader.enabled) return [];
  return [{ kind: 'threat_intel_downloader', cluster: GLOBAL_CLUSTER, name: threatIntelDownloaderName(config), region: config.account.region }];
}

/** Every rule processor the configuration defines, in cluster order. */
export function functionTargets(config: Pick<Config, 'account' | 'clusters'>): FunctionTarget[] {
  return Object.values(config.clusters).map((cluster) => ({
    kind: 'rule' as const,
    cluster: cluster.name,
    name: ruleProcessorName(config, cluster.name),
    region: cluster.region,
  }));
}

/** Bucket of historical data: classified records delivered by Firehose under `<log type>/dt=.../`. */
export function dataBucketName(config: Pick<Config, 'account'>): string {
  return `${config.account.prefix}-streamalert-data`;
}

/** Kinesis stream a cluster's `kinesis` module creates. */
export function kinesisStreamName(config: Pick<Config, 'account'>, cluster: string): string {
  return `${config.account.prefix}_${cluster}_streamalert`;
}

/** Longest Firehose delivery stream name (https://docs.aws.amazon.com/firehose/latest/APIReference/API_CreateDeliveryStream.html). */
const FIREHOSE_NAME_MAX = 64;

/**
 * Firehose delivery stream of one log type: `<prefix>_streamalert_<log type with : as _>`. Names longer
 * than AWS allows are cut and end with a short checksum of the full name, so that they stay unique.
 */
export function firehoseStreamName(config: Pick<Config, 'account'>, logType: string): string {
  const full = `${config.account.prefix}_streamalert_${logType.replace(/[^A-Za-z0-9_.-]/g, '_')}`;
  if (full.length <= FIREHOSE_NAME_MAX) return full;
  let hash = 2166136261;
  for (let i = 0; i < full.length; i++) hash = Math.imul(hash ^ full.charCodeAt(i), 16777619) >>> 0;
  const suffix = hash.toString(16).padStart(8, '0');
  return `${full.slice(0, FIREHOSE_NAME_MAX - suffix.length - 1)}_${suffix}`;
}

/** Environment variable that names the bucket the rule processor keeps its dead letters in (unset: none kept). */
export const DEAD_LETTER_BUCKET_ENV = 'DEAD_LETTER_BUCKET';

/**
 * Key prefix of a cluster's dead letters in the data bucket: `dead-letter/<cluster>/`. The rule processor
 * may write only under it (one object per invocation, `dt=YYYY-MM-DD/<time>-<request id>.json.gz`).
 */
export function deadLetterPrefix(cluster: string): string {
  return `dead-letter/${cluster}/`;
}

/** Athena workgroup of historical search: `<prefix>_streamalert`. */
export function athenaWorkgroupName(config: Pick<Config, 'account'>): string {
  return `${config.account.prefix}_streamalert`;
}

/** Key prefix, in the data bucket, of Athena query results. */
export const ATHENA_RESULTS_PREFIX = 'athena-results/';

/** Key prefix, in the data bucket, of delivered alerts (the `alerts` Glue table): `alerts/history/dt=.../`. */
export const ALERT_HISTORY_PREFIX = 'alerts/history';

/** Firehose delivery stream of alerts (StreamAlert's name), the `aws-firehose:alerts` output's usual target. */
export function alertDeliveryStreamName(config: Pick<Config, 'account'>): string {
  return `${config.account.prefix}_streamalert_alert_delivery`;
}

/** Glue database of the historical data tables (Glue names: lower case, digits, underscores). */
export function glueDatabaseName(config: Pick<Config, 'account'>): string {
  return `${config.account.prefix.replace(/-/g, '_')}_streamalert`;
}

/** DynamoDB table of rule staging state (StreamAlert's name): `<prefix>_streamalert_rules`, hash key `RuleName`. */
export function rulesTableName(config: Pick<Config, 'account'>): string {
  return `${config.account.prefix}_streamalert_rules`;
}

/** Name of the rule promotion function (global, StreamAlert's): `<prefix>_streamalert_rule_promotion`. */
export function rulePromotionName(config: Pick<Config, 'account'>): string {
  return `${config.account.prefix}_streamalert_rule_promotion`;
}

/** SNS topic of the staging digest: `<prefix>_streamalert_rule_staging_digest`. */
export function stagingDigestTopicName(config: Pick<Config, 'account'>): string {
  return `${config.account.prefix}_streamalert_rule_staging_digest`;
}

/** The output every alert of a staged rule goes to (and only it): the alerts Firehose, no pager. */
export const STAGING_OUTPUT = 'aws-firehose:alerts';

/** Environment variables of rule staging (rule processor and promotion function). */
export const RULE_STAGING_ENV = {
  table: 'RULES_TABLE',
  topic: 'STAGING_DIGEST_TOPIC',
} as const;
