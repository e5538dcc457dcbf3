/**
 * What every parser shares: the compiled schema of a log type, the check of one candidate record
 * (schema match, `log_patterns`, envelope), and the collection of a payload's records into a result.
 */
import type { LogSchema } from '../../config/types';
import { compileLogPatterns, ENVELOPE_KEY, matchLogPatterns, type LogPatterns } from '../log-patterns';
import { isMiss, miss, Miss, MISS } from '../miss';
import type { RecordContext } from '../record-context';
import { compileSpec, matchSpec, type CompiledSpec } from '../spec';
import { countKeys } from '../values';

/** A record of the payload that the schema rejected, with why. */
export interface RejectedValue {
  readonly value: unknown;
  readonly reason: string;
}

/** What a parser found in one raw record when its schema matched. */
export interface ParsedPayload {
  readonly records: Record<string, unknown>[];
  readonly rejected: readonly RejectedValue[];
  /** CSV header rows skipped. */
  readonly headers: number;
}

/** A parser compiled for one log type: tries one raw record. */
export type ParseFn = (ctx: RecordContext, explain: boolean) => ParsedPayload | Miss;

/** The schema parts every parser checks records against. */
export interface RecordChecker {
  readonly spec: CompiledSpec;
  readonly patterns: LogPatterns;
  readonly envelope?: CompiledSpec;
}

/** Compiles the schema, optional keys, envelope and log patterns of `log`. */
export function compileChecker(log: LogSchema): RecordChecker {
  const conf = log.configuration;
  const origin = { file: log.file, pointer: `/${log.name}` };
  const spec = compileSpec(
    log.schema,
    new Set(Object.keys(conf.optional_top_level_keys ?? {})),
    { ...origin, pointer: `${origin.pointer}/schema` },
    conf.extra_keys === 'keep',
  );
  const envelopeKeys = conf.envelope_keys ?? {};
  const envelope =
    Object.keys(envelopeKeys).length > 0
      ? compileSpec(envelopeKeys, new Set(conf.optional_envelope_keys ?? []), {
          ...origin,
          pointer: `${origin.pointer}/configuration/envelope_keys`,
        })
      : undefined;
  const patterns = compileLogPatterns(conf.log_patterns, { ...origin, pointer: `${origin.pointer}/configuration/log_patterns` });
  return { spec, patterns, envelope };
}

/**
 * Extracts the typed envelope from the top level of `data` (keys beyond the envelope schema are ignored;
 * optional ones get defaults). Undefined when the log type has no envelope.
 */
export function extractEnvelope(
  checker: RecordChecker,
  data: unknown,
  explain: boolean,
): Record<string, unknown> | undefined | Miss {
  if (!checker.envelope) return undefined;
  const envelope = matchSpec(data, checker.envelope, explain, '', true);
  if (isMiss(envelope)) return explain ? new Miss(`envelope: ${envelope.reason}`) : MISS;
  return countKeys(envelope) > 0 ? envelope : undefined;
}

/** Checks one candidate record: schema (keys and types), then log patterns; attaches the envelope. */
export function checkRecord(
  checker: RecordChecker,
  value: unknown,
  envelope: Record<string, unknown> | undefined,
  explain: boolean,
): Record<string, unknown> | Miss {
  const typed = matchSpec(value, checker.spec, explain);
  if (isMiss(typed)) return typed;
  const patternMiss = matchLogPatterns(checker.patterns, typed, envelope, explain);
  if (patternMiss) return patternMiss;
  if (envelope) typed[ENVELOPE_KEY] = envelope;
  return typed;
}

/**
 * Turns each value into a record with `toRecord`; the schema matches when at least one does.
 * In fast mode the reasons of rejected values are computed only when the payload matched.
 */
export function collect<T>(
  values: readonly T[],
  toRecord: (value: T, explain: boolean) => Record<string, unknown> | Miss,
  explain: boolean,
  headers = 0,
): ParsedPayload | Miss {
  const records: Record<string, unknown>[] = [];
  let failed: { value: T; miss: Miss }[] | undefined;
  for (const value of values) {
    const record = toRecord(value, explain);
    if (isMiss(record)) (failed ??= []).push({ value, miss: record });
    else records.push(record);
  }
  if (records.length === 0 && headers === 0) {
    if (!failed) return miss(explain, () => 'no records found');
    const first = failed[0].miss;
    return miss(explain, () =>
      failed.length === 1 ? first.reason : `none of the ${failed.length} records matched; first: ${first.reason}`,
    );
  }
  const rejected = (failed ?? []).map(({ value, miss: m }) => ({
    value,
    reason: explain ? m.reason : reasonOf(toRecord(value, true)),
  }));
  return { records, rejected, headers };
}

function reasonOf(result: Record<string, unknown> | Miss): string {
  return isMiss(result) ? result.reason : 'rejected';
}
