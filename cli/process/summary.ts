/** The summary `streamalert process` prints on stderr (or as a JSON line with --json). */
import type { ReadIssue } from '../../runtime/classifier/payloads';
import type { UnclassifiedRecord } from '../../runtime/classifier';
import type { BatchCounts } from '../../runtime/handlers';
import type { Io } from '../io';

/** Unclassified records whose reasons the summary shows. */
export const SHOWN_UNCLASSIFIED = 5;

/** Everything a run did, as printed with --json. */
export interface ProcessSummary {
  readonly inputs: number;
  readonly unreadable_inputs: readonly string[];
  readonly candidates: string;
  /** Threads that classified (1: the main thread; more: worker threads). */
  readonly workers: number;
  /**
   * `records`: log records (each classified or unclassified one: a CloudTrail file of 500 events counts 500);
   * `objects`: what was read to find them (lines, whole documents).
   */
  /** With --rules: the rules that ran (enabled) and those left out (disabled). */
  readonly rules?: { readonly loaded: number; readonly disabled: number };
  /** Why the run may not have done what was asked (a backtest that cannot alert). */
  readonly warnings?: readonly string[];
  readonly counts: Omit<BatchCounts, 'firehose_sent' | 'firehose_failed' | 'firehose_too_large' | 'dead_lettered'> & { readonly objects: number };
}

/** Prints the human summary: totals, classified per log type, the first unclassified reasons. */
export function printSummary(io: Io, summary: ProcessSummary, samples: readonly UnclassifiedRecord[]): void {
  const { counts } = summary;
  const classified = Object.values(counts.classified).reduce((a, b) => a + b, 0);
  io.info(
    `processed ${summary.inputs} input(s) with ${summary.workers} worker(s) against ${summary.candidates}: ${counts.records} record(s), ${classified} classified, ` +
      `${counts.unclassified} unclassified, ${counts.failed_reads} failed read(s), ${counts.skipped} skipped` +
      (counts.failed_records > 0 ? `, ${counts.failed_records} failed record(s) (a step threw; kept with --unclassified)` : ''),
  );
  const width = Math.max(0, ...Object.keys(counts.classified).map((k) => k.length));
  for (const [logType, n] of Object.entries(counts.classified).sort((a, b) => b[1] - a[1])) {
    io.info(`  ${logType.padEnd(width)}  ${n}`);
  }
  if (summary.rules !== undefined) {
    io.info(`rules: ${summary.rules.loaded} loaded (${summary.rules.disabled} disabled), ${counts.alerts} alert(s)`);
  } else if (counts.alerts > 0) io.info(`  alerts: ${counts.alerts}`);
  if (samples.length > 0) {
    io.info(`unclassified (first ${Math.min(SHOWN_UNCLASSIFIED, samples.length)} of ${counts.unclassified}):`);
    for (const record of samples.slice(0, SHOWN_UNCLASSIFIED)) {
      io.info(`  ${record.source.resource}${record.source.location ? ` ${record.source.location}` : ''}: ${record.reason}`);
      for (const candidate of record.candidates.slice(0, 3)) io.info(`    ${candidate.log_type}: ${candidate.reason}`);
      if (record.candidates.length > 3) io.info(`    ... and ${record.candidates.length - 3} more candidate(s)`);
    }
  }
  for (const name of summary.unreadable_inputs) io.error(name);
  for (const warning of summary.warnings ?? []) io.warn(warning);
}

/** Most read issues printed as they happen (all are counted in the summary). */
export const SHOWN_ISSUES = 10;

/** Prints a read issue as a warning line, up to {@link SHOWN_ISSUES}; returns the new count. */
export function printIssue(io: Io, issue: ReadIssue, shown: number): number {
  if (issue.level === 'info') return shown;
  if (shown < SHOWN_ISSUES) io.warn(issue.reason);
  else if (shown === SHOWN_ISSUES) io.warn('more read problems: see the summary for the count');
  return shown + 1;
}
