/**
 * The work of `streamalert process`: read local files (or stdin) with the same payload reader and classifier
 * that run in Lambda, print each classified record (or, with rules, each alert) as a JSON line on stdout, and
 * summarise on stderr. With `jobs` > 1, files and chunks of large plain files are spread over worker threads;
 * the output of each file keeps its order.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import type { RecordSource, UnclassifiedRecord } from '../../runtime/classifier';
import { loadConfig } from '../../runtime/config';
import { ExitCode, StreamAlertError, UsageError, errorMessage } from '../../runtime/errors';
import type { BatchCounts, RecordEvaluator } from '../../runtime/handlers';
import type { CommandContext, CommandResult } from '../context';
import { planCandidates } from './candidates';
import type { S3Client } from '@aws-sdk/client-s3';
import { createS3Client } from '../aws';
import { openInput, type Input } from './inputs';
import { listS3Inputs, type PartitionWindow } from './s3-inputs';
import { LineBlocks } from './output';
import { runParallel, workerScript } from './parallel';
import { CHUNK_BYTES, fileChunks, isSplittable } from './split';
import { SHOWN_UNCLASSIFIED, printIssue, printSummary, type ProcessSummary } from './summary';
import { rulesOfBundle, rulesWarnings } from './rules-report';
import { readTask, type Task } from './tasks';
import { createThread, loadBundleEvaluator, type ThreadSetup } from './thread';

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
   * The rules engine, in this thread. With rules, stdout gets each alert as a JSON line instead of the
   * classified records. A run with an evaluator object uses one thread. @default none
   */
  readonly evaluator?: RecordEvaluator;
  /** The rules as a bundle file each worker loads (`process --rules`); see `writeRulesBundle`. */
  readonly rulesBundle?: { readonly file: string; readonly cluster: string };
  /** Worker threads. @default 1 (the command passes the number of cores) */
  readonly jobs?: number;
  /** Bytes per chunk of a split file (tests make it small). @default 4 MiB */
  readonly chunkBytes?: number;
  /** For `s3://` inputs: read only the `dt=` partitions of this window. */
  readonly window?: PartitionWindow;
  /** For `s3://` inputs. @default an S3 client of the account region */
  readonly s3?: S3Client;
}

/** The inputs: local files, stdin, and the objects each `s3://` location lists in the window. */
async function openInputs(options: ProcessOptions, region: string): Promise<Input[]> {
  const stdin = options.stdin ?? process.stdin;
  const s3 = options.files.some((f) => f.startsWith('s3://')) ? (options.s3 ?? createS3Client(region)) : undefined;
  if (s3 === undefined && options.window !== undefined) throw new UsageError('--since and --until apply to s3:// inputs only');
  const lists = await Promise.all(options.files.map((f) => (s3 !== undefined && f.startsWith('s3://') ? listS3Inputs(f, options.window ?? {}, s3) : [openInput(f, stdin)])));
  return lists.flat();
}

/** Runs the classifier over the inputs. Exit 0 even with unclassified records; 1 when an input could not be read. */
export async function processFiles(ctx: CommandContext, options: ProcessOptions): Promise<CommandResult> {
  const { io } = ctx;
  if (options.files.length === 0) throw new UsageError('no input files', 'pass one or more files, or - for stdin');
  if (options.files.filter((f) => f === '-').length > 1) throw new UsageError('stdin (-) can be read only once');
  const maxInflatedMb = options.maxInflatedMb ?? 1024;
  if (!Number.isFinite(maxInflatedMb) || maxInflatedMb <= 0) throw new UsageError(`--max-inflated-mb must be a positive number, got ${String(options.maxInflatedMb)}`);
  const jobs = options.jobs ?? 1;
  if (!Number.isInteger(jobs) || jobs < 1) throw new UsageError(`--jobs must be a whole number >= 1, got ${String(options.jobs)}`);
  if (options.deadLetter && options.source !== undefined) {
    throw new UsageError('use either --dead-letter or --source, not both', 'a dead letter is replayed with the source it was read from');
  }

  const config = loadConfig(options.config);
  const plan = planCandidates(config, options);
  const replay = options.deadLetter === true;
  const ownSources = replay && options.logTypes === undefined;
  const setup: ThreadSetup = {
    configDir: options.config,
    candidates: ownSources ? { kind: 'replay', cluster: options.cluster } : { kind: 'fixed', logTypes: plan.logTypes, cluster: plan.source?.cluster },
    replay,
    // A dead-letter line holds a whole record (up to a 32 MiB document) in JSON: more than a log line.
    limits: { maxInflatedBytes: Math.floor(maxInflatedMb * MIB), ...(replay ? { maxLineBytes: 64 * MIB } : {}) },
    unclassified: options.unclassified !== undefined,
    rulesBundle: options.rulesBundle,
  };
  const inputs = await openInputs(options, config.account.region);
  const byName = new Map(inputs.flatMap((i) => (i.ok ? [[i.name, i] as const] : [])));
  const unclassifiedFd = options.unclassified === undefined ? undefined : openOutput(options.unclassified);
  const sourceOf = (name: string): RecordSource =>
    plan.source ? { service: plan.source.service, resource: plan.source.resource, location: name } : { service: 's3', resource: name };
  const chunkBytes = options.chunkBytes ?? CHUNK_BYTES;
  const maxLineBytes = setup.limits.maxLineBytes ?? 10 * MIB;

  let shownIssues = 0;
  const showIssue = (issue: Parameters<typeof printIssue>[1]): void => {
    shownIssues = printIssue(io, issue, shownIssues);
  };
  const writeUnclassified = (block: string): void => {
    if (unclassifiedFd !== undefined) writeSync(unclassifiedFd, `${block}\n`);
  };
  // Read issues found while splitting (an overlong line) are counted here; the rest by the threads.
  let splitErrors = 0;
  const splittable = (input: Extract<Input, { ok: true }>): boolean =>
    jobs > 1 && input.path !== undefined && input.size !== undefined && isSplittable(input.path, input.size, chunkBytes);
  function* tasks(): Generator<Task> {
    for (const input of inputs) {
      if (!input.ok) continue;
      const source = sourceOf(input.name);
      if (input.path !== undefined && splittable(input)) {
        const report = (issue: Parameters<typeof showIssue>[0]): void => {
          splitErrors++;
          showIssue(issue);
        };
        yield* fileChunks({ path: input.path, name: input.name, source, chunkBytes, maxLineBytes, report });
      } else yield { kind: 'object', name: input.name, source, path: input.path };
    }
  }

  const script = workerScript();
  const pieces = inputs.reduce((sum, i) => sum + (i.ok && splittable(i) ? Math.ceil((i.size ?? 0) / chunkBytes) : i.ok ? 1 : 0), 0);
  const workers = options.evaluator !== undefined || script === undefined ? 1 : Math.min(jobs, pieces);
  // Inputs without a local path (stdin, S3 objects) are read here and handed to the worker.
  const stdinOf = (task: Task): AsyncIterable<Uint8Array | string> | undefined =>
    task.kind === 'object' && task.path === undefined ? byName.get(task.name)?.open() : undefined;

  let lastDrawn = 0;
  const progress = (bytes: number, records: number): void => {
    const now = Date.now();
    if (!io.isTty || now - lastDrawn < PROGRESS_EVERY_MS) return;
    lastDrawn = now;
    io.progress(`${inputs.length === 1 ? inputs[0].name : `${inputs.length} inputs`}: ${(bytes / MIB).toFixed(1)} MB read, ${records} record(s)`);
  };

  let counts: readonly BatchCounts[];
  let samples: readonly UnclassifiedRecord[];
  let stopped = false;
  try {
    if (workers > 1 && script !== undefined) {
      const result = await runParallel({
        jobs: workers,
        script,
        setup,
        tasks: tasks(),
        bodies: (task) => stdinOf(task)?.[Symbol.asyncIterator](),
        sinks: {
          data: (block) => io.data(block),
          unclassified: writeUnclassified,
          issue: showIssue,
          progress,
          stopped: () => io.dataClosed(),
          drained: () => io.dataDrained(),
        },
      });
      ({ counts, samples, stopped } = result);
    } else {
      const data = new LineBlocks((block) => io.data(block));
      const uncl = new LineBlocks(writeUnclassified);
      const evaluator = options.evaluator ?? (setup.rulesBundle ? loadBundleEvaluator(setup.rulesBundle) : undefined);
      const thread = createThread(setup, config, evaluator, {
        data: (line) => data.push(line),
        unclassified: unclassifiedFd === undefined ? undefined : (line) => uncl.push(line),
        issue: showIssue,
      });
      let bytes = 0;
      const kept: UnclassifiedRecord[] = [];
      for (const task of tasks()) {
        const how = {
          reader: thread.reader,
          replay,
          onBytes: (n: number) => (bytes += n),
          onBatch: () => progress(bytes, thread.processor.recordCount()),
          stopped: () => io.dataClosed(),
          backpressure: () => io.dataDrained(),
        };
        await readTask(task, thread.processor, how, stdinOf(task));
        data.flush();
        uncl.flush();
        if (kept.length < SHOWN_UNCLASSIFIED) kept.push(...thread.processor.takeSamples());
        if ((stopped = io.dataClosed())) break;
      }
      counts = [thread.processor.counts()];
      samples = kept;
    }
  } finally {
    io.endProgress();
    if (unclassifiedFd !== undefined) closeSync(unclassifiedFd);
  }
  // The reader went away (`| head`): what it wanted was written; end quietly, like other Unix tools.
  if (stopped) return ExitCode.Ok;

  const total = mergeCounts(counts, splitErrors);
  const unreadable = inputs.flatMap((i) => (i.ok ? [] : [i.reason]));
  const candidates = ownSources ? "each dead letter's own source" : plan.description;
  const rules = options.rulesBundle === undefined ? undefined : rulesOfBundle(options.rulesBundle.file);
  const summary: ProcessSummary = {
    inputs: inputs.length,
    unreadable_inputs: unreadable,
    candidates,
    workers,
    ...(rules === undefined ? {} : { rules: { loaded: rules.loaded, disabled: rules.disabled }, warnings: rulesWarnings(rules, total.classified) }),
    counts: total,
  };
  if (ctx.globals.json) {
    io.data(JSON.stringify({ summary }));
    for (const warning of summary.warnings ?? []) io.warn(warning);
  } else printSummary(io, summary, samples);
  return unreadable.length > 0 || total.failed_reads > 0 || total.failed_records > 0 ? ExitCode.Runtime : ExitCode.Ok;
}

/**
 * The counts of every thread added up. `records` counts log records (each classified or unclassified one, so a
 * CloudTrail file of 500 events is 500 records); `objects` counts what was read (lines, documents).
 */
function mergeCounts(all: readonly BatchCounts[], splitErrors: number): ProcessSummary['counts'] {
  const sum = (pick: (c: BatchCounts) => number): number => all.reduce((total, c) => total + pick(c), 0);
  const classified: Record<string, number> = {};
  for (const c of all) for (const [type, n] of Object.entries(c.classified)) classified[type] = (classified[type] ?? 0) + n;
  const unclassified = sum((c) => c.unclassified);
  return {
    records: Object.values(classified).reduce((a, b) => a + b, 0) + unclassified + sum((c) => c.failed_records),
    objects: sum((c) => c.records),
    records_classified: sum((c) => c.records_classified),
    records_unclassified: sum((c) => c.records_unclassified),
    failed_records: sum((c) => c.failed_records),
    classified,
    unclassified,
    failed_reads: splitErrors + sum((c) => c.failed_reads),
    retried_reads: sum((c) => c.retried_reads),
    skipped: sum((c) => c.skipped),
    alerts: sum((c) => c.alerts),
    evaluation_errors: sum((c) => c.evaluation_errors),
  };
}

function openOutput(path: string): number {
  try {
    return openSync(path, 'w');
  } catch (err) {
    throw new StreamAlertError('OutputUnwritable', `--unclassified ${path}: cannot be written (${errorMessage(err)})`, { exitCode: ExitCode.Runtime });
  }
}
