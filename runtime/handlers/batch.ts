/**
 * The work shared by the deployed rule processor and `streamalert process`: look up each raw record's
 * source, classify it, run the evaluator on what matched, and count everything. A bad record never stops
 * the batch: every step after a record is read runs under one guard, and a record on which any step throws
 * is counted as failed, with its reason, and handed to `onRecordFailed` to be kept for replay.
 */
import type { ReadIssue } from '../classifier/payloads';
import type { Classifier, ClassifiedRecord, RawRecord, RecordSource, UnclassifiedRecord } from '../classifier';
import { errorMessage } from '../errors';
import type { BatchCounts, RecordEvaluator } from './types';

/** Most unclassified records and read failures kept in a {@link BatchReport} for display (all are counted). */
export const MAX_KEPT = 100;

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
  /** Receives a record on which the evaluator threw (it is also counted as failed and kept). */
  readonly onEvaluationError?: (record: ClassifiedRecord, message: string) => void;
  /**
   * Receives a raw record that could not be processed (a step threw after it was read), with why; the
   * caller keeps it for replay. Its alerts, if any were built before the failure, may be repeated on replay
   * (alert ids are deterministic, so they are not paged twice).
   */
  readonly onRecordFailed?: (raw: RawRecord, reason: string) => void;
  /**
   * Runs on the classified records of each chunk before the evaluator (threat intel, lookup table refresh).
   * When set, `add` only classifies and `flush` enriches then evaluates; it must not throw (if it does,
   * the records are evaluated without enrichment).
   */
  readonly enrich?: (records: readonly ClassifiedRecord[]) => Promise<void>;
}

/** A batch in progress: feed it raw records and read issues, then take the report. */
export interface Batch {
  add(raw: RawRecord): void;
  issue(issue: ReadIssue): void;
  /** Enriches and evaluates the records classified since the last flush, then settles the evaluator (correlations). */
  flush(): Promise<void>;
  /** Raw records added so far. */
  recordCount(): number;
  result(): BatchReport;
}

/** The counts of a batch and the first unclassified records and read failures (for a summary). */
export interface BatchReport {
  readonly counts: BatchCounts;
  /** The first {@link MAX_KEPT} unclassified records with their reasons. */
  readonly unclassified: readonly UnclassifiedRecord[];
  /** The first {@link MAX_KEPT} read failures (`error` level issues). */
  readonly failed_reads: readonly ReadIssue[];
}

/** A raw record classified, waiting for (or going through) evaluation. */
interface Classified {
  readonly raw: RawRecord;
  readonly records: readonly ClassifiedRecord[];
}

/** Thrown inside the guard when the evaluator fails: the record is kept, its alerts would be lost otherwise. */
class EvaluationFailed {
  constructor(readonly message: string) {}
}

/** Starts a batch. */
export function createBatch(options: BatchOptions): Batch {
  const classified = new Map<string, number>();
  const unclassified: UnclassifiedRecord[] = [];
  const failedReads: ReadIssue[] = [];
  const c = {
    records: 0,
    recordsClassified: 0,
    recordsUnclassified: 0,
    failedRecords: 0,
    unclassified: 0,
    failedReads: 0,
    retried: 0,
    skipped: 0,
    alerts: 0,
    evaluationErrors: 0,
  };

  const keepUnclassified = (record: UnclassifiedRecord, raw: RawRecord, rejected = false): void => {
    options.onUnclassified?.(record, raw, rejected);
    c.unclassified += 1;
    if (unclassified.length < MAX_KEPT) unclassified.push(record);
  };

  const evaluate = (record: ClassifiedRecord): number => {
    if (!options.evaluator) return 0;
    let alerts: readonly unknown[];
    try {
      alerts = options.evaluator.evaluate(record);
    } catch (err) {
      options.onEvaluationError?.(record, errorMessage(err));
      throw new EvaluationFailed(`rule evaluation failed: ${errorMessage(err)}`);
    }
    for (const alert of alerts) options.onAlert?.(alert);
    return alerts.length;
  };

  const fail = (raw: RawRecord, err: unknown): void => {
    c.failedRecords += 1;
    if (err instanceof EvaluationFailed) c.evaluationErrors += 1;
    const reason = err instanceof EvaluationFailed ? err.message : `processing failed: ${errorMessage(err)}`;
    options.onRecordFailed?.(raw, reason);
  };

  /** Classifies one raw record; undefined when it gave no classified record. Throws on any failure. */
  const classify = (raw: RawRecord): Classified | undefined => {
    const candidates = options.candidatesFor(raw.source);
    if (!candidates.ok) {
      const outcome = options.classifier.classify(raw, []);
      if (!outcome.ok) keepUnclassified({ ...outcome.unclassified, reason: candidates.reason }, raw);
      return undefined;
    }
    const source = candidates.cluster === undefined ? raw.source : { ...raw.source, cluster: candidates.cluster };
    const outcome = options.classifier.classify(source === raw.source ? raw : { data: raw.data, source }, candidates.logTypes);
    if (!outcome.ok) {
      keepUnclassified(outcome.unclassified, raw);
      return undefined;
    }
    for (const record of outcome.records) options.onClassified?.(record);
    for (const rejected of outcome.rejected ?? []) keepUnclassified(rejected, raw, true);
    return outcome.records.length > 0 ? { raw, records: outcome.records } : undefined;
  };

  /** Evaluates a classified raw record under the guard; counted once all of it went through. */
  const finish = (item: Classified): void => {
    let alerts = 0;
    try {
      for (const record of item.records) alerts += evaluate(record);
    } catch (err) {
      fail(item.raw, err);
      return;
    }
    for (const record of item.records) classified.set(record.log_type, (classified.get(record.log_type) ?? 0) + 1);
    c.alerts += alerts;
    c.recordsClassified += 1;
  };

  let pending: Classified[] = [];

  return {
    add(raw) {
      c.records += 1;
      let item: Classified | undefined;
      try {
        item = classify(raw);
      } catch (err) {
        fail(raw, err);
        return;
      }
      if (item === undefined) c.recordsUnclassified += 1;
      else if (options.enrich) pending.push(item);
      else finish(item);
    },
    issue(issue) {
      if (issue.retry) c.retried += 1;
      else if (issue.level === 'error') {
        c.failedReads += 1;
        if (failedReads.length < MAX_KEPT) failedReads.push(issue);
      } else {
        c.skipped += 1;
      }
      options.onIssue?.(issue);
    },
    async flush() {
      if (pending.length > 0 && options.enrich) {
        const chunk = pending;
        pending = [];
        try {
          await options.enrich(chunk.flatMap((item) => item.records));
        } catch {
          // enrich logs its own failures; the records are still evaluated
        }
        chunk.forEach(finish);
      }
      const settled = (await options.evaluator?.settle?.()) ?? [];
      for (const alert of settled) options.onAlert?.(alert);
      c.alerts += settled.length;
    },
    recordCount: () => c.records,
    result() {
      // Records never flushed (a caller without flush) are evaluated without enrichment.
      if (pending.length > 0) {
        const left = pending;
        pending = [];
        left.forEach(finish);
      }
      return {
        counts: {
          records: c.records,
          records_classified: c.recordsClassified,
          records_unclassified: c.recordsUnclassified,
          failed_records: c.failedRecords,
          classified: Object.fromEntries(classified),
          unclassified: c.unclassified,
          failed_reads: c.failedReads,
          retried_reads: c.retried,
          skipped: c.skipped,
          alerts: c.alerts,
          evaluation_errors: c.evaluationErrors,
        },
        unclassified: [...unclassified],
        failed_reads: [...failedReads],
      };
    },
  };
}
