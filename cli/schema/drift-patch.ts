/**
 * `schema drift --write`: patches a schema file so the drifted records classify: keys seen are added (optional,
 * since older records lack them), absent keys become optional, and types are widened to accept what was seen.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import type { FieldType } from '../../runtime/config';
import { ConfigError, errorMessage } from '../../runtime/errors';
import type { LogTypeDrift } from './types';
import { checkDeclarations } from './validate-declaration';

/** Widens a declared type to accept an observed one. */
export function widenType(declared: FieldType, seen: FieldType): FieldType {
  if (JSON.stringify(declared) === JSON.stringify(seen)) return declared;
  if (typeof declared === 'string' && typeof seen === 'string') {
    const pair = new Set([declared, seen]);
    if (pair.has('integer') && pair.has('float') && pair.size === 2) return 'float';
    if (pair.has('ipaddress') && pair.has('string') && pair.size === 2) return 'string';
    return 'string';
  }
  return {};
}

type Json = Record<string, unknown>;

/** Applies the drift of each log type to its schema file; returns the files written. @throws ConfigError on an unreadable file or an invalid result. */
export function patchSchemaFiles(drifts: readonly LogTypeDrift[], resolvePath: (file: string) => string): string[] {
  const byFile = new Map<string, LogTypeDrift[]>();
  for (const drift of drifts) byFile.set(drift.file, [...(byFile.get(drift.file) ?? []), drift]);
  const written: string[] = [];
  for (const [file, list] of byFile) {
    const path = resolvePath(file);
    let doc: Json;
    try {
      doc = JSON.parse(readFileSync(path, 'utf8')) as Json;
    } catch (err) {
      throw new ConfigError([{ file, pointer: '', message: `cannot be read as JSON (${errorMessage(err)})` }]);
    }
    for (const drift of list) patchLogType(doc[drift.log_type] as Json, drift);
    checkDeclarations(doc, file);
    writeFileSync(path, `${JSON.stringify(doc, null, 2)}\n`);
    written.push(file);
  }
  return written;
}

function patchLogType(declaration: Json, drift: LogTypeDrift): void {
  const schema = declaration.schema as Record<string, FieldType>;
  const configuration = ((declaration.configuration as Json | undefined) ?? (declaration.configuration = {})) as Json;
  const makeOptional = (key: string) => {
    const optional = configuration.optional_top_level_keys;
    if (Array.isArray(optional)) {
      if (!optional.includes(key)) optional.push(key);
    } else if (optional && typeof optional === 'object') (optional as Record<string, FieldType>)[key] = schema[key];
    else configuration.optional_top_level_keys = [key];
  };
  for (const added of drift.added) {
    schema[added.key] = added.inferred ?? 'string';
    makeOptional(added.key);
  }
  for (const missing of drift.missing) makeOptional(missing.key);
  for (const retyped of drift.retyped) schema[retyped.key] = widenType(schema[retyped.key], retyped.inferred ?? {});
}
