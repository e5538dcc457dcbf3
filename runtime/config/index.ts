/** Configuration: the typed model, the loader (CLI side) and log type helpers. */
export * from './types';
export { loadConfig, deepFreeze, displayPath, schemaFiles } from './load';
export { expandLogTypes, logFamily } from './log-types';
export { RESERVED_CLUSTER_NAMES } from './resolve';
export { DEFAULT_ALERTS } from './resolve-alerts';
export {
  PRODUCTION_ALIAS,
  ruleProcessorName,
  sourceBucketName,
  dataBucketName,
  kinesisStreamName,
  firehoseStreamName,
  functionTargets,
  threatIntelDownloaderName,
  threatIntelFunctionTargets,
  threatStreamParameterName,
  alertFunctionTargets,
  alertProcessorName,
  alertMergerName,
  alertsTableName,
  rulesTableName,
  rulePromotionName,
  stagingDigestTopicName,
  STAGING_OUTPUT,
  RULE_STAGING_ENV,
  outputsSsmPrefix,
  ALERT_ENV,
  ALERT_RECORDS_PREFIX,
  ALERT_DEAD_LETTER_PREFIX,
  GLOBAL_CLUSTER,
  type FunctionTarget,
  type FunctionKind,
} from './names';
