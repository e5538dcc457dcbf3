/**
 * The work of `streamalert process`: read local files (or stdin) with the same payload reader and classifier
 * that run in Lambda, print each classified record as a JSON line on stdout, and summarise on stderr.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { createClassifier, type ClassifiedRecord, type RawRecord, type RecordSource, type UnclassifiedRecord } from '../../runtime/classifier';
import { readContext, readObject } from '../../runtime/classifier/payloads';
import { loadConfig } from '../../runtime/config';
import { ExitCode, StreamAlertError, UsageError, errorMessage } from '../../runtime/errors';
import { createBatch, type RecordEvaluator } from '../../runtime/handlers';
import type { CommandContext, CommandResult } from '../context';
import { planCandidates } from './candidates';
import { replayCandidates, replayRecords } from './dead-letter';
import { countBytes, openInput } from './inputs';
import { printIssue, printSummary, type ProcessSummary } from './summary';

const MIB = 1024 * 1024;
/** Progress is redrawn at most this often. */
const PROGRESS_EVERY_MS = 200;

/** Options of {@link processFiles}. */
export interface ProcessOptions {
  /** Configuration directory. */
  readonly config: string;
  /** Paths of the inputs; `-` is stdin. */
  readonly files: readonly string[];
  /** `<service>:<resource>`: classify against that data source's log types. */
  readonly source?: string;
  /** Comma-separated log types or families. */
  readonly logTypes?: string;
  /** Cluster to look the source up in. @default the first cluster that declares it */
  readonly cluster?: string;
  /**
   * The inputs are dead-letter objects: replay each kept record with its original source (its log types
   * are the candidates, unless `logTypes` names them).
   */
  readonly deadLetter?: boolean;
  /** Where to write the unclassified records as JSON lines. */
  readonly unclassified?: string;
  /** Cap on the inflated size of one compressed input, in MiB. @default 1024 */
  readonly maxInflatedMb?: number;
  /** @default process.stdin */
  readonly stdin?: AsyncIterable<Uint8Array | string>;
  /**
   * The rules engine. With one, stdout gets each alert as a JSON line instead of the classified records.
   * @default none: classified records are printed
   */
  readonly evaluator?: RecordEvaluator;
}

/** Runs the classifier over the inputs. Exit 0 even with unclassified records; 1 when an input could not be read. */
export async function processFiles(ctx: CommandContext, options: ProcessOptions): Promise<CommandResult> {
  const { io } = ctx;
  if (options.files.length === 0) throw new UsageError('no input files', 'pass one or more files, or - for stdin');
  if (options.files.filter((f) => f === '-').length > 1) throw new UsageError('stdin (-) can be read only once');
  const maxInflatedMb = options.maxInflatedMb ?? 1024;
  if (!Number.isFinite(maxInflatedMb) || maxInflatedMb <= 0) throw new UsageError(`--max-inflated-mb must be a positive number, got ${String(options.maxInflatedMb)}`);

  if (options.deadLetter && options.source !== undefined) {
    throw new UsageError('use either --dead-letter or --source, not both', 'a dead letter is replayed with the source it was read from');
  }

  const config = loadConfig(options.config);
  const plan = planCandidates(config, options);
  const replay = options.deadLetter === true;
  const classifier = createClassifier(config);
  const inputs = options.files.map((file) => openInput(file, options.stdin ?? process.stdin));
  const unclassifiedFd = options.unclassified === undefined ? undefined : openOutput(options.unclassified);

  let shownIssues = 0;
  const batch = createBatch({
    classifier,
    candidatesFor:
      replay && options.logTypes === undefined ? replayCandidates(config, options.cluster) : () => ({ ok: true, logTypes: plan.logTypes, cluster: plan.source?.cluster }),
    evaluator: options.evaluator,
    onClassified: options.evaluator ? undefined : (record) => io.data(classifiedLine(record)),
    onAlert: (alert) => io.data(JSON.stringify(alert)),
    onUnclassified: unclassifiedFd === undefined ? undefined : (record, raw) => writeSync(unclassifiedFd, `${unclassifiedLine(record, raw)}\n`),
    onIssue: (issue) => {
      shownIssues = printIssue(io, issue, shownIssues);
    },
  });
  // A dead-letter line holds a whole record (up to a 32 MiB document) in JSON: more than a log line.
  const maxLineBytes = replay ? { maxLineBytes: 64 * MIB } : {};
  const reader = readContext({ onIssue: (issue) => batch.issue(issue), limits: { maxInflatedBytes: Math.floor(maxInflatedMb * MIB), ...maxLineBytes } });

  try {
    for (const input of inputs) {
      if (!input.ok) continue;
      let bytes = 0;
      let lastDrawn = 0;
      const source: RecordSource = plan.source
        ? { service: plan.source.service, resource: plan.source.resource, location: input.name }
        : { service: 's3', resource: input.name };
      const body = countBytes(input.open(), (n) => (bytes += n));
      for await (const records of readObject(body, { source, name: input.name }, reader)) {
        for (const raw of replay ? replayRecords(records, input.name, (issue) => batch.issue(issue)) : records) batch.add(raw);
        const now = Date.now();
        if (io.isTty && now - lastDrawn >= PROGRESS_EVERY_MS) {
          lastDrawn = now;
          const total = input.size === undefined ? '' : ` of ${(input.size / MIB).toFixed(1)}`;
          io.progress(`${input.name}: ${(bytes / MIB).toFixed(1)}${total} MB read, ${batch.recordCount()} record(s)`);
        }
      }
    }
  } finally {
    io.endProgress();
    if (unclassifiedFd !== undefined) closeSync(unclassifiedFd);
  }

  const result = batch.result();
  const unreadable = inputs.flatMap((i) => (i.ok ? [] : [i.reason]));
  const candidates = replay && options.logTypes === undefined ? "each dead letter's own source" : plan.description;
  const summary: ProcessSummary = { inputs: inputs.length, unreadable_inputs: unreadable, candidates, counts: result.counts };
  if (ctx.globals.json) io.data(JSON.stringify({ summary }));
  else printSummary(io, summary, result);
  return unreadable.length > 0 || result.counts.failed_reads > 0 ? ExitCode.Runtime : ExitCode.Ok;
}

/** The stdout line of a classified record. */
function classifiedLine(record: ClassifiedRecord): string {
  return JSON.stringify({ log_type: record.log_type, record: record.record, normalized: record.normalized, source: record.source });
}

/** An unclassified record for replay: the whole raw data (not cut short), its source and why it failed. */
function unclassifiedLine(record: UnclassifiedRecord, raw: RawRecord): string {
  const data = typeof raw.data === 'string' ? raw.data : JSON.stringify(raw.data);
  return JSON.stringify({ ...record, data });
}

function openOutput(path: string): number {
  try {
    return openSync(path, 'w');
  } catch (err) {
    throw new StreamAlertError('OutputUnwritable', `--unclassified ${path}: cannot be written (${errorMessage(err)})`, { exitCode: ExitCode.Runtime });
  }
}
