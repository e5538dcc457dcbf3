/**
 * The work shared by the deployed rule processor and `streamalert process`: look up each raw record's
 * source, classify it, run the evaluator on what matched, and count everything. A bad record never stops
 * the batch: it is counted and kept.
 */
import type { ReadIssue } from '../classifier/payloads';
import type { Classifier, ClassifiedRecord, RawRecord, RecordSource, UnclassifiedRecord } from '../classifier';
import { errorMessage } from '../errors';
import type { BatchResult, RecordEvaluator } from './types';

/** Most unclassified records and read failures kept in a {@link BatchResult} (all are counted and logged). */
export const MAX_KEPT = 10_000;

/** The candidates of a source, or why there are none (an unknown source). */
export type Candidates =
  | { readonly ok: true; readonly logTypes: readonly string[]; readonly cluster?: string }
  | { readonly ok: false; readonly reason: string };

/** Options of {@link createBatch}. */
export interface BatchOptions {
  readonly classifier: Classifier;
  readonly candidatesFor: (source: RecordSource) => Candidates;
  readonly evaluator?: RecordEvaluator;
  readonly onClassified?: (record: ClassifiedRecord) => void;
  /**
   * Receives each unclassified record with the raw record it came from (whole: the record's `data` is cut).
   * `rejected` is true for a record the matching schema rejected within `raw` (one of several it holds).
   */
  readonly onUnclassified?: (record: UnclassifiedRecord, raw: RawRecord, rejected: boolean) => void;
  readonly onAlert?: (alert: unknown) => void;
  readonly onIssue?: (issue: ReadIssue) => void;
  readonly onEvaluationError?: (record: ClassifiedRecord, message: string) => void;
  /**
   * Runs on the classified records of each chunk before the evaluator (threat intel, lookup table refresh).
   * When set, `add` only classifies and `flush` enriches then evaluates; it must not throw (if it does,
   * the records are evaluated without enrichment).
   */
  readonly enrich?: (records: readonly ClassifiedRecord[]) => Promise<void>;
}

/** A batch in progress: feed it raw records and read issues, then take the result. */
export interface Batch {
  add(raw: RawRecord): void;
  issue(issue: ReadIssue): void;
  /** Enriches and evaluates the records classified since the last flush (a no-op without `enrich`). */
  flush(): Promise<void>;
  /** Raw records added so far. */
  recordCount(): number;
  result(): BatchResult;
}

/** Starts a batch. */
export function createBatch(options: BatchOptions): Batch {
  const classified: Record<string, number> = {};
  const unclassified: UnclassifiedRecord[] = [];
  const failedReads: ReadIssue[] = [];
  const alerts: unknown[] = [];
  let records = 0;
  let unclassifiedCount = 0;
  let failedCount = 0;
  let skipped = 0;
  let evaluationErrors = 0;
  let pending: ClassifiedRecord[] = [];

  const keepUnclassified = (record: UnclassifiedRecord, raw: RawRecord, rejected = false): void => {
    unclassifiedCount += 1;
    if (unclassified.length < MAX_KEPT) unclassified.push(record);
    options.onUnclassified?.(record, raw, rejected);
  };

  const evaluate = (record: ClassifiedRecord): void => {
    if (!options.evaluator) return;
    try {
      for (const alert of options.evaluator.evaluate(record)) {
        alerts.push(alert);
        options.onAlert?.(alert);
      }
    } catch (err) {
      evaluationErrors += 1;
      options.onEvaluationError?.(record, errorMessage(err));
    }
  };

  return {
    add(raw) {
      records += 1;
      const candidates = options.candidatesFor(raw.source);
      if (!candidates.ok) {
        const outcome = options.classifier.classify(raw, []);
        if (!outcome.ok) keepUnclassified({ ...outcome.unclassified, reason: candidates.reason }, raw);
        return;
      }
      const source = candidates.cluster === undefined ? raw.source : { ...raw.source, cluster: candidates.cluster };
      const outcome = options.classifier.classify(source === raw.source ? raw : { data: raw.data, source }, candidates.logTypes);
      if (!outcome.ok) {
        keepUnclassified(outcome.unclassified, raw);
        return;
      }
      for (const record of outcome.records) {
        classified[record.log_type] = (classified[record.log_type] ?? 0) + 1;
        options.onClassified?.(record);
        if (options.enrich) pending.push(record);
        else evaluate(record);
      }
      for (const rejected of outcome.rejected ?? []) keepUnclassified(rejected, raw, true);
    },
    issue(issue) {
      if (issue.level === 'error') {
        failedCount += 1;
        if (failedReads.length < MAX_KEPT) failedReads.push(issue);
      } else {
        skipped += 1;
      }
      options.onIssue?.(issue);
    },
    async flush() {
      if (pending.length === 0 || !options.enrich) return;
      const chunk = pending;
      pending = [];
      try {
        await options.enrich(chunk);
      } catch {
        // enrich logs its own failures; the records are still evaluated
      }
      chunk.forEach(evaluate);
    },
    recordCount: () => records,
    result() {
      // Records never flushed (a caller without flush) are evaluated without enrichment.
      if (pending.length > 0) {
        const left = pending;
        pending = [];
        left.forEach(evaluate);
      }
      return {
        counts: {
          records,
          classified: { ...classified },
          unclassified: unclassifiedCount,
          failed_reads: failedCount,
          skipped,
          alerts: alerts.length,
          evaluation_errors: evaluationErrors,
        },
        unclassified: [...unclassified],
        failed_reads: [...failedReads],
        alerts: [...alerts],
      };
    },
  };
}
