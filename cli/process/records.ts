/**
 * The per-record work of `streamalert process`, the same in the main thread and in each worker: classify with
 * the shared batch (as the rule processor does), run the rules, and stream every output line to its sink as
 * it is made. Nothing is accumulated: alerts and unclassified records leave as lines, so memory stays flat
 * whatever the input size or alert rate.
 */
import type { ReadIssue } from '../../runtime/classifier/payloads';
import type { Classifier, RawRecord, RecordSource, UnclassifiedRecord } from '../../runtime/classifier';
import { createBatch, type BatchCounts, type Candidates, type RecordEvaluator } from '../../runtime/handlers';
import { safeStringify } from '../../runtime/json';
import { classifiedLine, failedLine, unclassifiedLine } from './output';

/** Unclassified records kept per task for the summary (the first ones; all are counted and written). */
export const SAMPLES_PER_TASK = 5;

/** Where the lines of a run go. */
export interface RecordSinks {
  /** A classified record, or with rules an alert, as one JSON line. */
  data(line: string): void;
  /** An unclassified record as one JSON line (only when `--unclassified` asks for them). */
  unclassified?: (line: string) => void;
  issue(issue: ReadIssue): void;
}

/** Options of {@link createRecordProcessor}. */
export interface RecordProcessorOptions {
  readonly classifier: Classifier;
  readonly candidatesFor: (source: RecordSource) => Candidates;
  /** With rules: alerts are printed instead of classified records. */
  readonly evaluator?: RecordEvaluator;
  /** Log records held by an unclassified raw record (a whole CloudTrail file holds many). @default 1 */
  readonly recordsIn?: (raw: RawRecord) => number;
  readonly sinks: RecordSinks;
}

/** Feeds raw records and read issues; counts everything. */
export interface RecordProcessor {
  add(raw: RawRecord): void;
  issue(issue: ReadIssue): void;
  /** Raw records added so far. */
  recordCount(): number;
  /** Takes the first unclassified records seen since the last call (for the summary). */
  takeSamples(): UnclassifiedRecord[];
  counts(): BatchCounts;
}

/** Builds the processor of one thread. */
export function createRecordProcessor(options: RecordProcessorOptions): RecordProcessor {
  const { sinks } = options;
  let alerts = 0;
  // Unclassified log records beyond one per unclassified raw record.
  let extra = 0;
  let samples: UnclassifiedRecord[] = [];
  // The batch would keep every alert the evaluator returns: write each as it comes and hand back none.
  const evaluator: RecordEvaluator | undefined = options.evaluator && {
    evaluate(record) {
      const found = options.evaluator?.evaluate(record) ?? [];
      for (const alert of found) sinks.data(safeStringify(alert));
      alerts += found.length;
      return [];
    },
  };
  const batch = createBatch({
    classifier: options.classifier,
    candidatesFor: options.candidatesFor,
    evaluator,
    onClassified: evaluator ? undefined : (record) => sinks.data(classifiedLine(record)),
    onUnclassified: (record, raw, rejected) => {
      if (!rejected && options.recordsIn) extra += options.recordsIn(raw) - 1;
      if (samples.length < SAMPLES_PER_TASK) samples.push(record);
      sinks.unclassified?.(unclassifiedLine(record, raw));
    },
    onIssue: (issue) => sinks.issue(issue),
    // A record on which a step threw is kept for replay beside the unclassified ones, with the reason.
    onRecordFailed: (raw, reason) => {
      sinks.issue({ level: 'error', code: 'Malformed', reason: `${raw.source.resource} ${raw.source.location ?? ''}: ${reason}`.replace('  ', ' '), source: raw.source });
      sinks.unclassified?.(failedLine(raw, reason));
    },
  });
  return {
    add: (raw) => batch.add(raw),
    issue: (issue) => batch.issue(issue),
    recordCount: () => batch.recordCount(),
    takeSamples: () => {
      const taken = samples;
      samples = [];
      return taken;
    },
    counts: () => {
      const counts = batch.result().counts;
      return { ...counts, unclassified: counts.unclassified + extra, alerts };
    },
  };
}
