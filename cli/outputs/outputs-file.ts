/**
 * Reading and changing conf/outputs.json: descriptors per service, a list for services whose properties live
 * in SSM, an object (descriptor -> resource) for AWS services configured by resource. The file is validated
 * with its JSON Schema before it is written; `$schema` and the order of existing entries are kept.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { displayPath } from '../../runtime/config';
import { parseJsonText } from '../../runtime/config/read-json';
import { validateFile } from '../../runtime/config/validate';
import { ConfigError } from '../../runtime/errors';
import { jsonSchemasDir } from '../paths';

/** outputs.json as parsed: service -> descriptors (list or descriptor -> resource). */
export type OutputsDocument = Record<string, unknown>;

/** Path of outputs.json in a conf directory. */
export function outputsPath(configDir: string): string {
  return join(configDir, 'outputs.json');
}

/** The parsed file, or a fresh document (with `$schema`) when the file does not exist. */
export function readOutputs(configDir: string): OutputsDocument {
  const path = outputsPath(configDir);
  if (!existsSync(path)) {
    return { $schema: relative(configDir, join(jsonSchemasDir(), 'outputs.schema.json')).split('\\').join('/') };
  }
  const parsed = parseJsonText(readFileSync(path, 'utf8'), displayPath(path));
  if (!parsed.ok) throw new ConfigError([parsed.problem]);
  if (typeof parsed.value !== 'object' || parsed.value === null || Array.isArray(parsed.value)) {
    throw new ConfigError([{ file: displayPath(path), pointer: '', message: 'must be a JSON object of output services', value: parsed.value }]);
  }
  return parsed.value as OutputsDocument;
}

/** Validates and writes the document (through a temporary file, so a failed write leaves the old file). */
export function writeOutputs(configDir: string, document: OutputsDocument): void {
  const path = outputsPath(configDir);
  const problems = validateFile('outputs', document, displayPath(path));
  if (problems.length > 0) throw new ConfigError(problems);
  const temp = `${path}.tmp-${process.pid}`;
  writeFileSync(temp, `${JSON.stringify(document, null, 2)}\n`);
  renameSync(temp, path);
}

/** Descriptor names of a service entry (list or object). */
export function descriptorsOf(entry: unknown): string[] {
  if (Array.isArray(entry)) return entry.filter((d): d is string => typeof d === 'string');
  if (typeof entry === 'object' && entry !== null) return Object.keys(entry);
  return [];
}

/** Adds (or updates) a descriptor; `resource` makes the entry an object. Returns whether it was new. */
export function putDescriptor(document: OutputsDocument, service: string, descriptor: string, resource?: string): boolean {
  const entry = document[service];
  const isNew = !descriptorsOf(entry).includes(descriptor);
  if (resource !== undefined) {
    const object = typeof entry === 'object' && entry !== null && !Array.isArray(entry) ? (entry as Record<string, string>) : {};
    document[service] = { ...object, [descriptor]: resource };
  } else {
    const list = Array.isArray(entry) ? entry : [];
    document[service] = isNew ? [...list, descriptor] : list;
  }
  return isNew;
}

/** Removes a descriptor (and the service when it was the last one). Returns whether it was there. */
export function removeDescriptor(document: OutputsDocument, service: string, descriptor: string): boolean {
  const entry = document[service];
  if (!descriptorsOf(entry).includes(descriptor)) return false;
  if (Array.isArray(entry)) document[service] = entry.filter((d) => d !== descriptor);
  else document[service] = Object.fromEntries(Object.entries(entry as Record<string, unknown>).filter(([d]) => d !== descriptor));
  if (descriptorsOf(document[service]).length === 0) delete document[service];
  return true;
}
