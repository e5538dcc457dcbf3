/** Resolves `scheduled_queries.json` (StreamAlert's keys, plus `queries`) with its defaults and cross-checks. */
import type { ConfigProblem } from '../errors';
import type { ScheduledQueriesConfig } from './types';

/* eslint-disable @typescript-eslint/no-explicit-any -- raw JSON has been validated by JSON Schema already */
type Raw = any;

/** Query parameters a query may use: `{utcdatehour}`, `{utcdatehour_minus1hour}`, `{utctimestamp_minus2day}`, `{utcisotime}`. */
export const QUERY_PARAMETER = /^(?:(utcdatehour|utctimestamp)(?:_minus(\d+)(hour|day))?|utcisotime)$/;

/** The `{name}` parameters of a query, in order of appearance, without repeats. */
export function queryParameters(query: string): string[] {
  return [...new Set([...query.matchAll(/\{([A-Za-z0-9_]+)\}/g)].map((m) => m[1] ?? ''))];
}

/** The resolved settings; problems name the file, pointer and bad value. */
export function resolveScheduledQueries(raw: Raw, file: string, problems: ConfigProblem[]): ScheduledQueriesConfig {
  const value: Raw = raw ?? {};
  const lambda: Raw = value.lambda_config ?? {};
  const packs: ScheduledQueriesConfig['packs'] = Object.fromEntries(
    Object.entries<Raw>(value.packs ?? {}).map(([name, p]) => [name, { description: p.description ?? '', schedule_expression: p.schedule_expression }]),
  );
  const queries: Record<string, ScheduledQueriesConfig['queries'][string]> = {};
  for (const [name, q] of Object.entries<Raw>(value.queries ?? {})) {
    if (packs[q.pack] === undefined) {
      problems.push({ file, pointer: `/queries/${name}/pack`, message: 'names no pack of "packs"', value: q.pack, hint: `packs: ${Object.keys(packs).join(', ') || 'none'}` });
    }
    for (const parameter of queryParameters(q.query)) {
      if (!QUERY_PARAMETER.test(parameter)) {
        problems.push({ file, pointer: `/queries/${name}/query`, message: `uses an unknown parameter {${parameter}}`, value: parameter, hint: 'known: utcdatehour, utcdatehour_minus<N>hour|day, utctimestamp, utctimestamp_minus<N>hour|day, utcisotime' });
      }
    }
    queries[name] = { pack: q.pack, description: q.description ?? '', query: q.query, tags: [...(q.tags ?? [])] };
  }
  const enabled = value.enabled === true;
  const stream: string | undefined = value.config?.destination_kinesis_stream;
  if (enabled && stream === undefined) {
    problems.push({ file, pointer: '/config/destination_kinesis_stream', message: 'is required when scheduled queries are enabled', hint: 'name the kinesis stream (a data source with the streamquery log type) the results go to' });
  }
  return {
    enabled,
    destination_kinesis_stream: stream ?? '',
    timeout_secs: value.config?.sfn_timeout_secs ?? 3600,
    wait_secs: value.config?.sfn_wait_secs ?? 30,
    packs,
    queries,
    function: {
      memory: lambda.memory ?? 128,
      timeout: lambda.timeout ?? 900,
      log_level: String(lambda.log_level ?? 'info').toLowerCase(),
      log_retention_days: lambda.log_retention_days ?? 14,
      alarms_enabled: lambda.alarms_enabled ?? true,
      error_threshold: lambda.error_threshold ?? 0,
      error_period_secs: lambda.error_period_secs ?? 3600,
      error_evaluation_periods: lambda.error_evaluation_periods ?? 1,
    },
  };
}
