/** Loads the configuration directory: read, validate with JSON Schema, resolve, freeze. */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ConfigError, type ConfigProblem } from '../errors';
import { readJsonFile } from './read-json';
import { resolveConfig, type RawFiles } from './resolve';
import type { Config } from './types';
import { validateFile, type ConfigFileKind } from './validate';

/** Recursively freezes a value, so that no consumer can change the shared configuration. */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value as object)) deepFreeze(child);
  }
  return value;
}

/** How a path is shown to the user: relative to the working directory when that is shorter. */
export function displayPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel && !rel.startsWith('..') && rel.length < path.length ? rel : path;
}

/** The schema files of a configuration directory: `schemas/*.json` in name order, else `logs.json`. */
export function schemaFiles(dir: string): string[] {
  const schemasDir = join(dir, 'schemas');
  if (existsSync(schemasDir) && statSync(schemasDir).isDirectory()) {
    const files = readdirSync(schemasDir)
      .filter((f) => f.endsWith('.json'))
      .sort()
      .map((f) => join(schemasDir, f));
    if (files.length > 0) return files;
  }
  const single = join(dir, 'logs.json');
  return existsSync(single) ? [single] : [];
}

/**
 * Loads and validates `variables.json`, the schemas, `outputs.json` and the optional `lookup_tables.json`,
 * `threat_intel.json` and `normalized_types.json` from `dir`.
 * @throws ConfigError listing every problem found (exit code 3).
 */
export function loadConfig(dir: string): Config {
  const problems: ConfigProblem[] = [];
  const shown = displayPath(dir);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new ConfigError([
      { file: shown, pointer: '', message: 'configuration directory not found', hint: 'pass --config <dir>, or run from a directory that has conf/' },
    ]);
  }

  const read = (path: string, kind: ConfigFileKind) => {
    const file = displayPath(path);
    const result = readJsonFile(path, file);
    if (!result.ok) {
      problems.push(result.problem);
      return undefined;
    }
    const found = validateFile(kind, result.value, file);
    problems.push(...found);
    return found.length === 0 ? { file, value: result.value } : undefined;
  };

  const variables = read(join(dir, 'variables.json'), 'variables');
  const files = schemaFiles(dir);
  if (files.length === 0) {
    problems.push({
      file: displayPath(join(dir, 'schemas')),
      pointer: '',
      message: 'no log schemas found',
      hint: 'add conf/schemas/<name>.json files (StreamAlert v3 format) or a single conf/logs.json',
    });
  }
  const logs = files.map((f) => read(f, 'logs'));
  const outputsPath = join(dir, 'outputs.json');
  const outputs = existsSync(outputsPath) ? read(outputsPath, 'outputs') : undefined;
  // Optional StreamAlert files: lookup tables, threat intel and the older normalized types.
  const optional = (name: string, kind: ConfigFileKind) => (existsSync(join(dir, name)) ? read(join(dir, name), kind) : undefined);
  const lookupTables = optional('lookup_tables.json', 'lookup_tables');
  const threatIntel = optional('threat_intel.json', 'threat_intel');
  const normalizedTypes = optional('normalized_types.json', 'normalized_types');
  const scheduledQueries = optional('scheduled_queries.json', 'scheduled_queries');
  const sigma = optional('sigma.json', 'sigma');

  if (problems.length > 0 || !variables || logs.some((l) => !l)) throw new ConfigError(problems);
  const raw: RawFiles = {
    dir,
    variables,
    logs: logs as NonNullable<(typeof logs)[number]>[],
    outputs,
    lookupTables,
    threatIntel,
    normalizedTypes,
    scheduledQueries,
    sigma,
  };
  const { config, problems: semantic } = resolveConfig(raw);
  if (!config) throw new ConfigError(semantic);
  return deepFreeze(config);
}
