/**
 * Compiles every log type of the configuration once: its parser (json, csv, kv, syslog), schema, patterns and
 * normalization. A registry maps parser names to compilers; an unknown parser is a configuration error.
 */
import type { LogSchema, ParserName } from '../config/types';
import { ConfigError } from '../errors';
import { compileNormalization, type Normalizer } from './normalize';
import { compileCsvParser } from './parsers/csv';
import { compileJsonParser } from './parsers/json';
import { compileKvParser } from './parsers/kv';
import type { ParseFn } from './parsers/parser';
import { compileSyslogParser } from './parsers/syslog';

/** A log type ready to classify. */
export interface CompiledLog {
  readonly name: string;
  /** Lower is tried first; undefined after every prioritised type. */
  readonly priority?: number;
  /** Declaration order in the configuration. */
  readonly index: number;
  readonly parse: ParseFn;
  readonly normalize: Normalizer;
}

const PARSERS: Readonly<Record<ParserName, (log: LogSchema) => ParseFn>> = {
  json: compileJsonParser,
  csv: compileCsvParser,
  kv: compileKvParser,
  syslog: compileSyslogParser,
};

/** Compiles one log type. @throws ConfigError on an unknown parser or a bad schema. */
export function compileLog(log: LogSchema, index: number): CompiledLog {
  const compile = Object.prototype.hasOwnProperty.call(PARSERS, log.parser) ? PARSERS[log.parser] : undefined;
  if (!compile) {
    throw new ConfigError([
      { file: log.file, pointer: `/${log.name}/parser`, message: 'is not a parser', value: log.parser, hint: 'use json, csv, kv or syslog' },
    ]);
  }
  return {
    name: log.name,
    priority: typeof log.configuration.priority === 'number' ? log.configuration.priority : undefined,
    index,
    parse: compile(log),
    normalize: compileNormalization(log.configuration),
  };
}

/** Sorts log types for trying: by priority (lower first), then unprioritised, each in declaration order. */
export function tryOrder(logs: readonly CompiledLog[]): CompiledLog[] {
  const rank = (log: CompiledLog) => log.priority ?? Number.POSITIVE_INFINITY;
  return [...logs].sort((a, b) => rank(a) - rank(b) || a.index - b.index);
}
