/** Configuration: the typed model, the loader (CLI side) and log type helpers. */
export * from './types';
export { loadConfig, deepFreeze, displayPath, schemaFiles } from './load';
export { expandLogTypes, logFamily } from './log-types';
export { RESERVED_CLUSTER_NAMES } from './resolve';
export {
  PRODUCTION_ALIAS,
  ruleProcessorName,
  sourceBucketName,
  dataBucketName,
  kinesisStreamName,
  firehoseStreamName,
  functionTargets,
  type FunctionTarget,
  type FunctionKind,
} from './names';
