/**
 * `streamalert schema drift`: reads dead-letter objects, compares each unclassified JSON record with the
 * candidate log types of its source, picks the one it fits best, and reports per log type the keys the records
 * add, lack or type differently (count and one example each). `--write` patches the schema files.
 */
import { existsSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { expandLogTypes, loadConfig, type Config } from '../../runtime/config';
import { UsageError } from '../../runtime/errors';
import type { CommandContext, CommandResult } from '../context';
import { replayCandidates, replayRecords } from '../process/dead-letter';
import { bestCandidate, candidateOf, compareRecord, type Candidate } from './drift-compare';
import { patchSchemaFiles } from './drift-patch';
import { fieldType, observe, widen, type Observed } from './field-types';
import { jsonOf, readRecords } from './read-records';
import type { DriftOptions, DriftReport, KeyDrift, LogTypeDrift } from './types';

const MIB = 1024 * 1024;

interface Tally {
  count: number;
  example: unknown;
  observed: Observed;
}

interface LogTally {
  records: number;
  added: Map<string, Tally>;
  missing: Map<string, Tally>;
  retyped: Map<string, Tally>;
}

function count(map: Map<string, Tally>, key: string, value: unknown): void {
  const prior = map.get(key);
  if (prior) {
    prior.count++;
    prior.observed = widen(prior.observed, observe(value));
  } else map.set(key, { count: 1, example: value, observed: observe(value) });
}

function toKeyDrifts(map: Map<string, Tally>, declared?: Readonly<Record<string, unknown>>): KeyDrift[] {
  return [...map.entries()]
    .sort((a, b) => b[1].count - a[1].count || a[0].localeCompare(b[0]))
    .map(([key, t]) => ({
      key,
      count: t.count,
      example: t.example,
      ...(t.observed.kind === 'none' ? {} : { inferred: fieldType(t.observed, 0) }),
      ...(declared ? { declared: declared[key] as KeyDrift['declared'] } : {}),
    }));
}

/** The candidates of each record: --log-types, or the log types of the record's source. */
function candidatesFor(config: Config, logTypes: string | undefined): (source: Parameters<ReturnType<typeof replayCandidates>>[0]) => readonly Candidate[] | string {
  const prepared = new Map<string, Candidate | undefined>();
  const prepare = (names: readonly string[]) =>
    names.flatMap((name) => {
      if (!prepared.has(name)) prepared.set(name, config.logs[name] ? candidateOf(config.logs[name]) : undefined);
      return prepared.get(name) ?? [];
    });
  if (logTypes !== undefined) {
    const entries = logTypes.split(',').map((s) => s.trim()).filter(Boolean);
    const { logTypes: names, unknown } = expandLogTypes(entries, Object.keys(config.logs));
    if (entries.length === 0 || unknown.length > 0) throw new UsageError(`--log-types: unknown log type(s): ${unknown.join(', ') || '(none given)'}`);
    const fixed = prepare(names);
    return () => fixed;
  }
  const bySource = replayCandidates(config);
  return (source) => {
    const found = bySource(source);
    return found.ok ? prepare(found.logTypes) : found.reason;
  };
}

/** Reads the dead letters and reports the drift; with `write`, patches the schemas. Exit 0. */
export async function driftReport(ctx: CommandContext, options: DriftOptions): Promise<CommandResult> {
  const config = loadConfig(options.config);
  const candidatesOf = candidatesFor(config, options.logTypes);
  const tallies = new Map<string, LogTally>();
  const skipped: Record<string, number> = {};
  const skip = (why: string) => (skipped[why] = (skipped[why] ?? 0) + 1);
  let entries = 0;
  let compared = 0;

  await readRecords({ files: options.files, maxLineBytes: 64 * MIB, onIssue: (issue) => issue.level !== 'info' && ctx.io.warn(issue.reason) }, (lines, file) => {
    entries += lines.length;
    const kept = replayRecords(lines, file, (issue) => (issue.level === 'error' ? ctx.io.warn(issue.reason) : skip('failed read (no record kept)')));
    for (const record of kept) {
      const value = jsonOf(record.data);
      if (value === undefined) {
        skip('text record (drift compares JSON records)');
        continue;
      }
      const candidates = candidatesOf(record.source);
      if (typeof candidates === 'string') {
        skip('source not in variables.json');
        continue;
      }
      const best = bestCandidate(value, candidates);
      if (!best) {
        skip('shares no key with any JSON candidate');
        continue;
      }
      compared++;
      const name = best.candidate.log.name;
      let tally = tallies.get(name);
      if (!tally) tallies.set(name, (tally = { records: 0, added: new Map(), missing: new Map(), retyped: new Map() }));
      for (const rec of best.records) {
        tally.records++;
        const drift = compareRecord(rec, best.candidate);
        for (const [key, v] of drift.added) count(tally.added, key, v);
        for (const key of drift.missing) count(tally.missing, key, undefined);
        for (const [key, v] of drift.retyped) count(tally.retyped, key, v);
      }
    }
  });

  const logTypes: LogTypeDrift[] = [...tallies.entries()].map(([name, t]) => ({
    log_type: name,
    file: config.logs[name].file,
    records: t.records,
    added: toKeyDrifts(t.added),
    missing: toKeyDrifts(t.missing),
    retyped: toKeyDrifts(t.retyped, config.logs[name].schema),
  }));
  const written = options.write ? patchSchemaFiles(logTypes.filter(hasDrift), (file) => schemaPath(file, options.config)) : [];
  const report: DriftReport = { entries, compared, skipped, log_types: logTypes, written };
  printReport(ctx, report, options.maxKeys ?? 20);
  ctx.io.result(report);
  return 0;
}

function hasDrift(d: LogTypeDrift): boolean {
  return d.added.length + d.missing.length + d.retyped.length > 0;
}

/** The schema file on disk: as recorded by the loader (relative to the working directory), or under --config. */
function schemaPath(file: string, configDir: string): string {
  if (isAbsolute(file) || existsSync(file)) return file;
  return resolve(configDir, 'schemas', file.split(/[\\/]/).pop() ?? file);
}

function show(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function printReport(ctx: CommandContext, report: DriftReport, maxKeys: number): void {
  const { io } = ctx;
  io.info(`${report.entries} dead-letter line(s), ${report.compared} unclassified record(s) compared with a schema`);
  for (const [why, n] of Object.entries(report.skipped)) io.info(`  skipped ${n}: ${why}`);
  for (const d of report.log_types) {
    io.info(`${d.log_type} (${d.file}): ${d.records} record(s) fit it best`);
    const list = (label: string, keys: readonly KeyDrift[], line: (k: KeyDrift) => string) => {
      if (keys.length === 0) return;
      io.info(`  ${label}:`);
      for (const k of keys.slice(0, maxKeys)) io.info(`    ${line(k)}`);
      if (keys.length > maxKeys) io.info(`    ... and ${keys.length - maxKeys} more`);
    };
    list('added keys (not in the schema)', d.added, (k) => `"${k.key}" x${k.count}, e.g. ${show(k.example)}`);
    list('missing keys (required by the schema)', d.missing, (k) => `"${k.key}" x${k.count}`);
    list('differently typed keys', d.retyped, (k) => `"${k.key}" x${k.count}: schema ${JSON.stringify(k.declared)}, seen ${show(k.example)}`);
    if (!hasDrift(d)) io.info('  no key differs: the records fail on log_patterns, envelope or parser settings');
  }
  for (const file of report.written) io.info(`patched ${file}`);
  if (report.log_types.some(hasDrift) && report.written.length === 0) io.info('run again with --write to patch the schemas');
}
