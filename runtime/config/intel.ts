/**
 * The typed `lookup_tables.json` and `threat_intel.json` (StreamAlert v3 keys), with every default resolved.
 * Both files are optional: without them lookup tables and threat intel are off.
 */
import type { ConfigProblem } from '../errors';

/* eslint-disable @typescript-eslint/no-explicit-any -- raw JSON has been validated by JSON Schema already */
type Raw = any;

/** A lookup table kept as one JSON object in S3 (the whole object is the table). */
export interface S3LookupTable {
  readonly driver: 's3';
  readonly bucket: string;
  readonly key: string;
  readonly compression: false | 'gzip';
  readonly cache_refresh_minutes: number;
}

/** A lookup table kept in DynamoDB: one item per key, the value in `value_key`. */
export interface DynamoDbLookupTable {
  readonly driver: 'dynamodb';
  readonly table: string;
  readonly partition_key: string;
  readonly sort_key?: string;
  readonly value_key: string;
  /** Joins partition and sort key values in a lookup key (`<partition><delimiter><sort>`). */
  readonly key_delimiter: string;
  readonly consistent_read: boolean;
  /** Most items loaded into a container's cache. */
  readonly cache_maximum_key_count: number;
  readonly cache_refresh_minutes: number;
}

export type LookupTableConfig = S3LookupTable | DynamoDbLookupTable;

/** `lookup_tables.json`. */
export interface LookupTablesConfig {
  readonly enabled: boolean;
  readonly tables: Readonly<Record<string, LookupTableConfig>>;
}

/** One plain indicator feed (CSV or JSON lines) the downloader reads. */
export interface FeedConfig {
  readonly name: string;
  readonly url: string;
  readonly format: 'csv' | 'jsonl';
  readonly ioc_type?: string;
  readonly sub_type?: string;
}

/** Anomali ThreatStream, StreamAlert's source (credentials in SSM, never here). */
export interface ThreatStreamConfig {
  readonly enabled: boolean;
  readonly api_url: string;
  readonly ioc_types: readonly string[];
  readonly ioc_filters: readonly string[];
  readonly excluded_sub_types: readonly string[];
}

/** The threat intel downloader function. */
export interface DownloaderConfig {
  readonly enabled: boolean;
  readonly schedule: string;
  readonly memory: number;
  readonly timeout: number;
  readonly expiry_days: number;
  readonly max_pages: number;
  readonly threatstream?: ThreatStreamConfig;
  readonly feeds: readonly FeedConfig[];
}

/** `threat_intel.json`. */
export interface ThreatIntelConfig {
  readonly enabled: boolean;
  /** IOC table (hash key `ioc_value`, TTL attribute `expiration_ts`). */
  readonly table: string;
  /** Clusters whose rule processors match IOCs. */
  readonly clusters: readonly string[];
  /** IOC type -> excluded values (CIDRs for `ip`). */
  readonly excluded_iocs: Readonly<Record<string, readonly string[]>>;
  /** IOC type -> normalized types looked up as that type. */
  readonly normalized_ioc_types: Readonly<Record<string, readonly string[]>>;
  /** Seconds a container remembers a lookup result, found or not (0: never). */
  readonly cache_seconds: number;
  readonly downloader: DownloaderConfig;
}

/** Default IOC table name (StreamAlert's). */
export function defaultIocTableName(prefix: string): string {
  return `${prefix}_streamalert_threat_intel_downloader`;
}

/** Resolves `lookup_tables.json` (absent: disabled, no tables). */
export function resolveLookupTables(raw: Raw | undefined): LookupTablesConfig {
  const tables: Record<string, LookupTableConfig> = {};
  for (const [name, t] of Object.entries<Raw>(raw?.tables ?? {})) {
    const refresh = t.cache_refresh_minutes ?? 10;
    tables[name] =
      t.driver === 's3'
        ? { driver: 's3', bucket: t.bucket, key: t.key, compression: t.compression === 'gzip' ? 'gzip' : false, cache_refresh_minutes: refresh }
        : {
            driver: 'dynamodb',
            table: t.table,
            partition_key: t.partition_key,
            ...(t.sort_key ? { sort_key: t.sort_key } : {}),
            value_key: t.value_key,
            key_delimiter: t.key_delimiter ?? ':',
            consistent_read: t.consistent_read ?? false,
            cache_maximum_key_count: t.cache_maximum_key_count ?? 100_000,
            cache_refresh_minutes: refresh,
          };
  }
  return { enabled: raw?.enabled ?? false, tables };
}

/** Resolves `threat_intel.json` (absent: disabled); clusters it names must exist. */
export function resolveThreatIntel(
  raw: Raw | undefined,
  prefix: string,
  clusterNames: readonly string[],
  file: string,
  problems: ConfigProblem[],
): ThreatIntelConfig {
  const clusters: string[] = raw?.clusters ?? [...clusterNames];
  clusters.forEach((name, i) => {
    if (!clusterNames.includes(name)) {
      problems.push({ file, pointer: `/clusters/${i}`, message: 'names no cluster of variables.json', value: name, hint: `clusters: ${clusterNames.join(', ')}` });
    }
  });
  const d = raw?.downloader ?? {};
  const ts = d.threatstream;
  return {
    enabled: raw?.enabled ?? false,
    table: raw?.dynamodb_table_name ?? raw?.dynamodb_table ?? defaultIocTableName(prefix),
    clusters,
    excluded_iocs: Object.fromEntries(Object.entries<Raw>(raw?.excluded_iocs ?? {}).map(([type, values]) => [type, Object.keys(values)])),
    normalized_ioc_types: { ...(raw?.normalized_ioc_types ?? {}) },
    cache_seconds: raw?.cache_seconds ?? 300,
    downloader: {
      enabled: d.enabled ?? false,
      schedule: d.schedule ?? 'rate(1 day)',
      memory: d.memory ?? 256,
      timeout: d.timeout ?? 300,
      expiry_days: d.expiry_days ?? 90,
      max_pages: d.max_pages ?? 500,
      ...(ts
        ? {
            threatstream: {
              enabled: ts.enabled ?? true,
              api_url: (ts.api_url ?? 'https://api.threatstream.com').replace(/\/+$/, ''),
              ioc_types: ts.ioc_types ?? ['domain', 'ip', 'md5'],
              ioc_filters: (ts.ioc_filters ?? []).map((f: string) => f.toLowerCase()),
              excluded_sub_types: ts.excluded_sub_types ?? [],
            },
          }
        : {}),
      feeds: (d.feeds ?? []).map((f: Raw) => ({ ...f })),
    },
  };
}
