/** Reads each StreamAlert layout into a draft of our variables.json. */
import { importIntelFiles, type ExtraFiles } from './intel';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { ConfigError, type ConfigProblem } from '../../../runtime/errors';
import { displayPath } from '../../../runtime/config';
import { readJsonFile } from '../../../runtime/config/read-json';
import { mapClusterModules } from './map-cluster';
import type { Json, StreamAlertLayout, VariablesDraft } from './types';

/** The draft, and the files to carry over unchanged. */
export interface LayoutResult {
  readonly draft: VariablesDraft;
  /** Schema files, copied byte for byte (`schemas/*.json`, or one `logs.json`). */
  readonly schemaFiles: readonly string[];
  readonly outputsFile?: string;
  /** lookup_tables.json, threat_intel.json, normalized_types.json (converted content). */
  readonly extraFiles?: ExtraFiles;
}

function readOrThrow(path: string): Json {
  const result = readJsonFile(path, displayPath(path));
  if (!result.ok) throw new ConfigError([result.problem]);
  return result.value;
}

/** Schema files of a StreamAlert directory: `schemas/*.json`, else `logs.json`. */
export function findSchemaFiles(pathOrDir: string): string[] {
  if (existsSync(pathOrDir) && statSync(pathOrDir).isFile()) return [pathOrDir];
  const dir = join(pathOrDir, 'schemas');
  if (existsSync(dir) && statSync(dir).isDirectory()) {
    const files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
    if (files.length) return files.map((f) => join(dir, f));
  }
  if (existsSync(join(pathOrDir, 'logs.json'))) return [join(pathOrDir, 'logs.json')];
  if (existsSync(pathOrDir) && statSync(pathOrDir).isDirectory()) {
    const files = readdirSync(pathOrDir).filter((f) => f.endsWith('.json')).sort();
    return files.map((f) => join(pathOrDir, f));
  }
  return [];
}

function clusterFiles(dir: string): string[] {
  return readdirSync(join(dir, 'clusters'))
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => join(dir, 'clusters', f));
}

/** 1.x sources: `{ service: { resource: { logs: [...] } } }` -> `{ service: { resource: [...] } }`. */
function mapSources(sources: Json): Record<string, Record<string, string[]>> {
  const out: Record<string, Record<string, string[]>> = {};
  for (const [service, resources] of Object.entries<Json>(sources ?? {})) {
    out[service] = {};
    for (const [resource, spec] of Object.entries<Json>(resources)) out[service][resource] = [...(spec.logs ?? [])];
  }
  return out;
}

function mapFirehose(fh: Json | undefined): Record<string, unknown> | undefined {
  if (!fh) return undefined;
  const out: Record<string, unknown> = {};
  if (fh.enabled !== undefined) out.enabled = fh.enabled;
  if (fh.buffer_size !== undefined) out.buffer_size_mb = fh.buffer_size;
  if (fh.buffer_interval !== undefined) out.buffer_interval_seconds = fh.buffer_interval;
  if (fh.compression_format !== undefined) out.compression = fh.compression_format;
  const enabled = Object.keys(fh.enabled_logs ?? {});
  if (enabled.length > 0) out.log_types = enabled;
  return out;
}

/**
 * `infrastructure.rule_staging`, `alerts_table`, `classifier_sqs` and `artifact_extractor`: rule staging is mapped
 * (its table is on-demand); the others are said plainly, each with what replaces it here.
 * @returns the `global.rule_staging` settings, when the source has any
 */
function mapInfrastructure(infra: Json, warn: (l: string) => void): Record<string, unknown> | undefined {
  if (infra.alerts_table) {
    warn('global.json: infrastructure.alerts_table: the alerts table is on-demand (PAY_PER_REQUEST) here, so read_capacity and write_capacity are not needed; its TTL and retries are global.alerts in variables.json');
  }
  if (infra.classifier_sqs) {
    warn('global.json: infrastructure.classifier_sqs: the classifier and the rules engine are one function here (the rule processor), so there is no classifier queue to configure');
  }
  if (infra.artifact_extractor) {
    warn(
      infra.artifact_extractor.enabled === true
        ? 'global.json: infrastructure.artifact_extractor is enabled in the source, but this version has no artifact extractor: no artifacts are written (normalized values are still on each record in historical search)'
        : 'global.json: infrastructure.artifact_extractor is disabled in the source; nothing to import',
    );
  }
  const rs = infra.rule_staging;
  if (!rs) return undefined;
  const out: Record<string, unknown> = {};
  if (rs.enabled !== undefined) out.enabled = rs.enabled === true;
  if (typeof rs.cache_refresh_minutes === 'number') out.cache_seconds = Math.round(rs.cache_refresh_minutes * 60);
  if (rs.table) warn('global.json: infrastructure.rule_staging.table: the rules table is on-demand here, so its read_capacity and write_capacity are not needed');
  return out;
}

/** Reads a v3 or 1.4 directory (global.json + clusters/). */
function readClustered(dir: string, layout: '1.4' | 'v3', warn: (l: string) => void): LayoutResult {
  const global = readOrThrow(join(dir, 'global.json'));
  const sources = layout === '1.4' ? mapSources(readOrThrow(join(dir, 'sources.json'))) : undefined;
  const draft: VariablesDraft = {
    account: { id: String(global.account?.aws_account_id ?? ''), prefix: String(global.account?.prefix ?? ''), region: String(global.account?.region ?? '') },
    clusters: {},
  };
  const tf = global.terraform ?? {};
  const terraform: Record<string, unknown> = {};
  if (tf.tfstate_bucket) terraform.state_bucket = tf.tfstate_bucket;
  if (tf.tfstate_s3_key) terraform.state_key = tf.tfstate_s3_key;
  if (Object.keys(terraform).length) draft.terraform = terraform;
  const firehose = mapFirehose(global.infrastructure?.firehose);
  if (firehose) draft.global = { firehose };
  if (global.account?.kms_key_alias) warn('global.json: account.kms_key_alias not imported (one KMS key is generated per deployment)');
  const staging = mapInfrastructure(global.infrastructure ?? {}, warn);
  if (staging) draft.global = { ...(draft.global ?? {}), rule_staging: staging };

  const threatIntelClusters: string[] = [];
  for (const file of clusterFiles(dir)) {
    const cluster = readOrThrow(file);
    const name = String(cluster.id ?? basename(file, '.json'));
    if (cluster.enable_threat_intel === true) threatIntelClusters.push(name);
    let firehoseFromCluster = false;
    if (cluster.modules?.kinesis?.firehose?.enabled) firehoseFromCluster = true;
    draft.clusters[name] = {
      ...(cluster.region ? { region: cluster.region } : {}),
      data_sources: sources ? structuredClone(sources) : { ...(cluster.data_sources ?? {}) },
      modules: mapClusterModules(cluster, name, warn),
    };
    if (!cluster.data_sources && !sources) warn(`clusters/${name}: no data_sources; the cluster classifies nothing until some are added`);
    if (firehoseFromCluster) draft.global = { ...(draft.global ?? {}), firehose: { enabled: true } };
  }
  return {
    extraFiles: importIntelFiles(dir, global, threatIntelClusters, warn),
    draft,
    schemaFiles: findSchemaFiles(dir),
    outputsFile: existsSync(join(dir, 'outputs.json')) ? join(dir, 'outputs.json') : undefined,
  };
}

/** Reads the 1.3 layout: one variables.json with per-cluster maps, and conf/sources.json. */
function read13(dir: string, warn: (l: string) => void): LayoutResult {
  const vars = readOrThrow(join(dir, 'variables.json'));
  const sources = mapSources(readOrThrow(join(dir, 'conf', 'sources.json')));
  const draft: VariablesDraft = {
    account: { id: String(vars.account?.aws_account_id ?? ''), prefix: String(vars.account?.prefix ?? ''), region: String(vars.account?.region ?? '') },
    clusters: {},
  };
  if (vars.terraform?.tfstate_s3_key) draft.terraform = { state_key: vars.terraform.tfstate_s3_key };
  for (const [name, region] of Object.entries<Json>(vars.clusters ?? {})) {
    const modules: Record<string, unknown> = {};
    const [timeout, memory] = vars.rule_processor_lambda_config?.[name] ?? [];
    modules.rule_processor = { ...(memory ? { memory } : {}), ...(timeout ? { timeout } : {}) };
    const [shards, retention] = vars.kinesis_streams_config?.[name] ?? [];
    if (shards) {
      modules.kinesis = { streams: { shards, ...(retention ? { retention } : {}) } };
      modules.kinesis_events = { enabled: true };
    }
    draft.clusters[name] = { region: String(region), data_sources: structuredClone(sources), modules };
  }
  const flow = vars.flow_log_config;
  if (flow && (flow.vpcs?.length || flow.subnets?.length)) warn('variables.json: flow_log_config not imported; add modules.flow_logs to a cluster');
  if (existsSync(join(dir, 'conf', 'inputs.json'))) warn('conf/inputs.json not imported; add modules.sns_inputs to a cluster');
  const conf = join(dir, 'conf');
  return {
    draft,
    schemaFiles: existsSync(join(conf, 'logs.json')) ? [join(conf, 'logs.json')] : [],
    outputsFile: existsSync(join(conf, 'outputs.json')) ? join(conf, 'outputs.json') : undefined,
  };
}

/** Reads a StreamAlert directory of the given layout. */
export function readLayout(dir: string, layout: StreamAlertLayout, warn: (l: string) => void): LayoutResult {
  return layout === '1.3' ? read13(dir, warn) : readClustered(dir, layout, warn);
}

/** A problem on the source directory (for missing schemas and the like). */
export function sourceProblem(dir: string, message: string, hint?: string): ConfigProblem {
  return { file: displayPath(dir), pointer: '', message, hint };
}
