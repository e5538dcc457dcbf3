/**
 * Compiles every log type of the configuration once: its parser (json, csv, kv, syslog, spaced), schema, patterns and
 * normalization. A registry maps parser names to compilers; an unknown parser is a configuration error.
 */
import type { LogSchema, ParserName } from '../config/types';
import { ConfigError } from '../errors';
import { ENVELOPE_KEY } from './log-patterns';
import { compileNormalization, type Normalizer } from './normalize';
import { compileCsvParser } from './parsers/csv';
import { compileJsonParser } from './parsers/json';
import { compileKvParser } from './parsers/kv';
import type { ParseFn } from './parsers/parser';
import { compileSpacedParser } from './parsers/spaced';
import { compileSyslogParser } from './parsers/syslog';

/** A log type ready to classify. */
export interface CompiledLog {
  readonly name: string;
  /** The schema's parser (`json`, `csv`, `kv`, `syslog`, `spaced`). */
  readonly parser?: string;
  /** Lower is tried first; undefined after every prioritised type. */
  readonly priority?: number;
  /** Declaration order in the configuration. */
  readonly index: number;
  readonly parse: ParseFn;
  readonly normalize: Normalizer;
  /** `extra_keys: "keep"`: the schema accepts undeclared keys, so a match is ranked by {@link extraKeys}. */
  readonly keepExtra: boolean;
  /** Undeclared top-level keys in the records of a match (0 for an exact fit). */
  readonly extraKeys: (records: readonly Record<string, unknown>[]) => number;
}

const PARSERS: Readonly<Record<ParserName, (log: LogSchema) => ParseFn>> = {
  json: compileJsonParser,
  csv: compileCsvParser,
  kv: compileKvParser,
  syslog: compileSyslogParser,
  spaced: compileSpacedParser,
};

/** Compiles one log type. @throws ConfigError on an unknown parser or a bad schema. */
export function compileLog(log: LogSchema, index: number): CompiledLog {
  const compile = Object.prototype.hasOwnProperty.call(PARSERS, log.parser) ? PARSERS[log.parser] : undefined;
  if (!compile) {
    throw new ConfigError([
      { file: log.file, pointer: `/${log.name}/parser`, message: 'is not a parser', value: log.parser, hint: 'use json, csv, kv, syslog or spaced' },
    ]);
  }
  const declared = new Set([...Object.keys(log.schema), ENVELOPE_KEY]);
  return {
    name: log.name,
    parser: log.parser,
    priority: typeof log.configuration.priority === 'number' ? log.configuration.priority : undefined,
    index,
    parse: compile(log),
    normalize: compileNormalization(log.configuration),
    keepExtra: log.configuration.extra_keys === 'keep',
    extraKeys: (records) => {
      let n = 0;
      for (const record of records) for (const key in record) if (!declared.has(key)) n++;
      return n;
    },
  };
}

/** Priority rank: lower is tried first, unprioritised types last. */
export function rankOf(log: CompiledLog): number {
  return log.priority ?? Number.POSITIVE_INFINITY;
}

/**
 * Sorts log types for trying: by priority (lower first, unprioritised last); within one priority, exact schemas
 * (`extra_keys: "reject"`) before tolerant ones (`"keep"`); then declaration order.
 */
export function tryOrder(logs: readonly CompiledLog[]): CompiledLog[] {
  return [...logs].sort(
    (a, b) => rankOf(a) - rankOf(b) || Number(a.keepExtra) - Number(b.keepExtra) || a.index - b.index,
  );
}
