/**
 * `streamalert schema infer`: a JSON log type from sample records. Types are widened across samples, keys seen
 * in only some samples are optional, nested objects are `{}` unless `depth` asks for them typed; the schema is
 * validated and checked to classify the samples before it is printed or written.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { compileJsonPath } from '../../runtime/classifier/json-path';
import { isPlainObject } from '../../runtime/classifier/values';
import { displayPath } from '../../runtime/config';
import { ConfigError, StreamAlertError, UsageError, errorMessage } from '../../runtime/errors';
import type { CommandContext, CommandResult } from '../context';
import { NONE, observeObject, specOf, widen, type Observed } from './field-types';
import { jsonOf, readRecords } from './read-records';
import type { InferOptions, InferReport, SchemaDeclaration } from './types';
import { checkDeclarations } from './validate-declaration';

const NAME = /^[A-Za-z0-9_$][A-Za-z0-9_.-]*(:[A-Za-z0-9_.-]+)+$/;

/** Builds the declaration of `name` from object records. @throws UsageError when there is no record. */
export function declarationFrom(records: readonly Record<string, unknown>[], options: Pick<InferOptions, 'jsonPath' | 'depth' | 'extraKeys'>): SchemaDeclaration {
  if (records.length === 0) throw new UsageError('no JSON object records in the samples: nothing to infer from', 'schema infer types JSON records; pass --json-path when the records are inside a document');
  let observed: Observed = NONE;
  for (const record of records) observed = widen(observed, observeObject(record));
  if (observed.kind !== 'object') throw new UsageError('the samples are not JSON objects');
  const schema = specOf(observed, options.depth ?? 0);
  const optional = Object.keys(schema).filter((key) => observed.kind === 'object' && observed.keys.get(key)!.seen < records.length);
  const configuration = {
    ...(options.jsonPath ? { json_path: options.jsonPath } : {}),
    ...(optional.length > 0 ? { optional_top_level_keys: optional } : {}),
    ...(options.extraKeys === 'keep' ? { extra_keys: 'keep' as const } : {}),
  };
  return { parser: 'json', schema, ...(Object.keys(configuration).length > 0 ? { configuration } : {}) };
}

/** Reads the samples and returns the object records they hold (selected by `jsonPath` when given). */
async function sampleRecords(options: InferOptions, ctx: CommandContext): Promise<{ records: Record<string, unknown>[]; raw: unknown[]; skipped: number }> {
  const select = options.jsonPath ? compileJsonPath(options.jsonPath, { file: '--json-path', pointer: '' }) : undefined;
  const records: Record<string, unknown>[] = [];
  const raw: unknown[] = [];
  let skipped = 0;
  await readRecords({ files: options.files, stdin: options.stdin, onIssue: (issue) => issue.level !== 'info' && ctx.io.warn(issue.reason) }, (chunk) => {
    for (const record of chunk) {
      const value = jsonOf(record.data);
      let selected: unknown = value;
      if (select && value !== undefined) {
        try {
          selected = select(value);
        } catch {
          selected = undefined;
        }
      }
      const found = (Array.isArray(selected) && select ? selected : [selected]).filter(isPlainObject);
      if (found.length === 0) skipped++;
      else {
        records.push(...found);
        raw.push(record.data);
      }
    }
  });
  return { records, raw, skipped };
}

function writeInto(file: string, name: string, declaration: SchemaDeclaration, force: boolean): void {
  let existing: Record<string, unknown> = { $schema: '../../runtime/config/json-schemas/log-schemas.schema.json' };
  if (existsSync(file)) {
    try {
      existing = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    } catch (err) {
      throw new ConfigError([{ file: displayPath(file), pointer: '', message: `is not valid JSON (${errorMessage(err)})` }]);
    }
    if (name in existing && !force) {
      throw new UsageError(`${displayPath(file)} already declares "${name}"`, 'pass --force to replace it, or choose another --name');
    }
  }
  const merged = { ...existing, [name]: declaration };
  checkDeclarations(merged, displayPath(file));
  writeFileSync(file, `${JSON.stringify(merged, null, 2)}\n`);
}

/** Infers, validates and prints (or writes) the schema. Exit 0; 1 when the schema does not classify every sample. */
export async function inferSchema(ctx: CommandContext, options: InferOptions): Promise<CommandResult> {
  if (!NAME.test(options.name)) throw new UsageError(`--name must be vendor:type (letters, digits, _ . -), got "${options.name}"`);
  const depth = options.depth ?? 0;
  if (!Number.isInteger(depth) || depth < 0) throw new UsageError(`--depth must be a whole number >= 0, got ${String(options.depth)}`);
  const { records, raw, skipped } = await sampleRecords(options, ctx);
  const declaration = declarationFrom(records, options);
  const classifier = checkDeclarations({ [options.name]: declaration }, `--name ${options.name}`);
  const classified = raw.filter((data) => classifier.classify({ data: typeof data === 'string' ? data : JSON.stringify(data), source: { service: 's3', resource: 'samples' } }, [options.name]).ok).length;
  if (options.out) writeInto(options.out, options.name, declaration, options.force === true);
  const report: InferReport = { name: options.name, declaration, records: records.length, skipped, classified, ...(options.out ? { written: displayPath(options.out) } : {}) };
  ctx.io.info(`${options.name}: ${Object.keys(declaration.schema).length} key(s) from ${records.length} record(s)${skipped > 0 ? `, ${skipped} input record(s) skipped (not JSON objects)` : ''}; the schema classifies ${classified} of ${raw.length} sample(s)`);
  if (options.out) ctx.io.info(`written to ${displayPath(options.out)}`);
  else if (!ctx.globals.json) ctx.io.data(JSON.stringify({ [options.name]: declaration }, null, 2));
  ctx.io.result(report);
  if (classified < raw.length) {
    throw new StreamAlertError('InferIncomplete', `the inferred schema classifies only ${classified} of ${raw.length} samples`, { hint: 'check the samples are one log type; pass --json-path for records inside a document' });
  }
  return 0;
}
