/** Resolves the log schema files into typed {@link LogSchema}s (v3 and 1.x forms alike). */
import type { ConfigProblem } from '../errors';
import type { FieldType, LogSchema, NormalizedPath, ParserConfiguration, SchemaSpec } from './types';

/* eslint-disable @typescript-eslint/no-explicit-any -- raw JSON has been validated by JSON Schema already */
type Raw = any;

/** Every log type of every schema file; a log type declared twice is a problem. */
export function resolveLogs(
  files: readonly { readonly file: string; readonly value: Raw }[],
  problems: ConfigProblem[],
): Record<string, LogSchema> {
  const logs: Record<string, LogSchema> = {};
  const origin: Record<string, string> = {};
  for (const { file, value } of files) {
    for (const [name, spec] of Object.entries<Raw>(value)) {
      if (name === '$schema') continue;
      if (logs[name]) {
        problems.push({
          file,
          pointer: `/${name}`,
          message: `log type "${name}" is declared twice (also in ${origin[name]})`,
          hint: 'keep one declaration',
        });
        continue;
      }
      origin[name] = file;
      logs[name] = resolveLogSchema(name, spec, file, problems);
    }
  }
  return logs;
}

function defaultTypeFor(key: string, schema: SchemaSpec): FieldType {
  return schema[key] ?? 'string';
}

function resolveLogSchema(name: string, spec: Raw, file: string, problems: ConfigProblem[]): LogSchema {
  const conf = spec.configuration ?? {};
  const schema: SchemaSpec = spec.schema;
  const configuration: Record<string, unknown> = { ...conf };
  if (Array.isArray(conf.optional_top_level_keys)) {
    configuration.optional_top_level_keys = Object.fromEntries(
      (conf.optional_top_level_keys as string[]).map((key) => [key, defaultTypeFor(key, schema)]),
    );
    (conf.optional_top_level_keys as string[]).forEach((key, i) => {
      if (!(key in schema)) {
        problems.push({
          file,
          pointer: `/${name}/configuration/optional_top_level_keys/${i}`,
          message: 'is not a key of the schema',
          value: key,
          hint: `add "${key}" to /${name}/schema, or remove it from optional_top_level_keys`,
        });
      }
    });
  }
  if (conf.normalization) {
    configuration.normalization = Object.fromEntries(
      Object.entries<Raw>(conf.normalization).map(([type, value]) => [type, resolveNormalization(value)]),
    );
  }
  const parser = spec.parser === 'gzip-json' ? 'json' : spec.parser;
  for (const key of ['delimiter', 'separator'] as const) {
    if (parser === 'csv' && key === 'delimiter' && typeof conf.delimiter === 'string' && conf.delimiter.length !== 1) {
      problems.push({
        file,
        pointer: `/${name}/configuration/delimiter`,
        message: 'a CSV delimiter must be exactly one character',
        value: conf.delimiter,
      });
    }
  }
  return {
    name,
    parser,
    gzip: spec.parser === 'gzip-json',
    schema,
    configuration: configuration as ParserConfiguration,
    file,
  };
}

/** The v1 short form is one bare path (a list of strings); v3 is a list of paths or path objects. */
function resolveNormalization(value: Raw): NormalizedPath[] {
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return [{ path: value }];
  return (value as Raw[]).map((entry) => (Array.isArray(entry) ? { path: entry } : { ...entry }));
}
