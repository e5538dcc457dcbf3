/**
 * Carries StreamAlert's lookup tables, threat intel and normalized types over: `lookup_tables.json` and
 * `normalized_types.json` unchanged; `threat_intel.json` (or global.json's older `threat_intel` section)
 * with the clusters whose file sets `enable_threat_intel` (StreamAlert matches IOCs only there) and the
 * downloader settings of lambda.json's `threat_intel_downloader_config` (ThreatStream).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { readJsonFile } from '../../../runtime/config/read-json';
import { displayPath } from '../../../runtime/config';
import type { Json } from './types';

/** File name -> content, for the files beside variables.json. */
export type ExtraFiles = Record<string, Json>;

function readOptional(path: string, warn: (l: string) => void): Json | undefined {
  if (!existsSync(path)) return undefined;
  const result = readJsonFile(path, displayPath(path));
  if (!result.ok) {
    warn(`${displayPath(path)} not imported: ${result.problem.message}`);
    return undefined;
  }
  return result.value;
}

/** The downloader section from lambda.json's `threat_intel_downloader_config`. */
function downloaderOf(conf: Json | undefined): Json | undefined {
  if (!conf || typeof conf !== 'object') return undefined;
  const out: Json = { enabled: conf.enabled === true };
  if (typeof conf.interval === 'string' && /^(rate|cron)\(/.test(conf.interval)) out.schedule = conf.interval;
  const memory = Number(conf.memory);
  const timeout = Number(conf.timeout);
  if (Number.isInteger(memory) && memory >= 128) out.memory = memory;
  if (Number.isInteger(timeout) && timeout >= 10) out.timeout = timeout;
  out.threatstream = {
    ...(Array.isArray(conf.ioc_types) && conf.ioc_types.length > 0 ? { ioc_types: conf.ioc_types } : {}),
    ...(Array.isArray(conf.ioc_filters) ? { ioc_filters: conf.ioc_filters } : {}),
    ...(Array.isArray(conf.excluded_sub_types) ? { excluded_sub_types: conf.excluded_sub_types } : {}),
  };
  return out;
}

/** Reads the files of a v3 or 1.4 directory; `threatIntelClusters` are the clusters with `enable_threat_intel: true`. */
export function importIntelFiles(dir: string, global: Json, threatIntelClusters: readonly string[], warn: (l: string) => void): ExtraFiles {
  const files: ExtraFiles = {};
  const lookup = readOptional(join(dir, 'lookup_tables.json'), warn);
  if (lookup !== undefined) files['lookup_tables.json'] = lookup;
  const normalized = readOptional(join(dir, 'normalized_types.json'), warn);
  if (normalized !== undefined) files['normalized_types.json'] = normalized;
  const scheduled = readOptional(join(dir, 'scheduled_queries.json'), warn);
  if (scheduled !== undefined) {
    files['scheduled_queries.json'] = scheduled;
    warn('scheduled_queries.json imported; StreamAlert kept the queries in Python query pack files: write each as an entry of "queries" (pack, description, query)');
  }

  const intel = readOptional(join(dir, 'threat_intel.json'), warn) ?? global?.threat_intel;
  const downloader = downloaderOf(readOptional(join(dir, 'lambda.json'), warn)?.threat_intel_downloader_config);
  if (intel !== undefined || downloader !== undefined) {
    const out: Json = { ...(intel ?? {}), clusters: [...threatIntelClusters] };
    if (out.dynamodb_table !== undefined && out.dynamodb_table_name === undefined) {
      out.dynamodb_table_name = out.dynamodb_table;
      delete out.dynamodb_table;
    }
    if (downloader) out.downloader = downloader;
    files['threat_intel.json'] = out;
    if (out.enabled === true && threatIntelClusters.length === 0) warn('threat_intel.json: enabled, but no cluster sets enable_threat_intel: no rule processor matches IOCs (as in StreamAlert)');
    if (downloader?.enabled) warn('threat_intel.json: the downloader reads ThreatStream credentials from SSM /<prefix>/streamalert/threat_intel/threatstream (put {"api_user","api_key"} there)');
  }
  return files;
}
