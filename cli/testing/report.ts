/** The human report of `lambda test`: per file and per test, then a summary. */
import type { Io } from '../io';
import type { TestResult, TestRunSummary } from './types';

function list(values: readonly string[]): string {
  return values.length === 0 ? '(none)' : values.join(', ');
}

/** Results go to stdout (for `| grep FAIL` and `| less`); diagnostics stay on stderr. Nothing with --json. */
function out(io: Io, line: string): void {
  if (!io.json) io.data(line);
}

function printFailure(io: Io, result: TestResult): void {
  const s = io.style;
  const logs = [...new Set(result.actualLogs)];
  out(io, `      log:        expected ${result.expectedLog ?? '(any)'}, got ${logs.length === 0 ? '(not classified)' : logs.join(', ')}`);
  if (!result.classifyOnly) {
    out(io, `      rules:      expected ${list(result.expectedRules)}, got ${list(result.actualRules)}`);
    if (result.missingRules.length > 0) out(io, `      missing:    ${s.red(result.missingRules.join(', '))}`);
    if (result.unexpectedRules.length > 0) out(io, `      unexpected: ${s.yellow(result.unexpectedRules.join(', '))}`);
  }
  for (const reason of result.reasons) out(io, `      ${s.gray(reason)}`);
}

/** Prints what each output of each alert would receive (nothing was sent). */
function printPublications(io: Io, result: TestResult): void {
  for (const alert of result.publications ?? []) {
    out(io, `      alert ${alert.rule_name} ${io.style.gray(alert.alert_id.slice(0, 12))}`);
    for (const [output, made] of Object.entries(alert.outputs)) {
      const body = made.publication === undefined ? io.style.red(`cannot be made: ${made.error ?? ''}`) : JSON.stringify(made.publication);
      out(io, `        -> ${output}: ${body}`);
    }
  }
}

/** Options of the report. */
export interface ReportOptions {
  /** Print what every output would receive for each alert. @default false */
  readonly showOutputs?: boolean;
}

/** Prints one file's results (called per file, in order). */
export function printFileResults(io: Io, file: string, results: readonly TestResult[], options: ReportOptions = {}): void {
  const s = io.style;
  out(io, s.bold(file));
  for (const result of results) {
    const mark = result.passed ? s.green('PASS') : s.red('FAIL');
    const what = result.classifyOnly ? 'classify only' : `rules: ${list(result.actualRules)}`;
    out(io, `  ${mark} [${result.index}] ${result.description} ${s.gray(`(${result.service}:${result.source}, ${what})`)}`);
    if (result.disabledRules.length > 0) out(io, `      ${s.gray(`disabled, not expected: ${result.disabledRules.join(', ')}`)}`);
    if (!result.passed) printFailure(io, result);
    if (options.showOutputs === true) printPublications(io, result);
  }
}

/** Prints every file's results and the summary. */
export function printReport(io: Io, summary: TestRunSummary, options: ReportOptions = {}): void {
  const s = io.style;
  const byFile = new Map<string, TestResult[]>();
  for (const result of summary.results) byFile.set(result.file, [...(byFile.get(result.file) ?? []), result]);
  for (const [file, results] of byFile) printFileResults(io, file, results, options);
  out(io, '');
  const total = summary.results.length;
  const counts = `${total} test${total === 1 ? '' : 's'} in ${byFile.size} file${byFile.size === 1 ? '' : 's'}: ${s.green(`${summary.passed} passed`)}, ${summary.failed > 0 ? s.red(`${summary.failed} failed`) : '0 failed'}`;
  out(io, `Summary: ${counts}`);
  if (total === 0) out(io, s.red('No test ran: a test run needs at least one test event (exit 4).'));
  if (summary.rulesWithoutTests.length > 0) out(io, `Rules without a test event: ${s.yellow(summary.rulesWithoutTests.join(', '))}`);
  if (summary.disabledRules.length > 0) out(io, `Disabled rules: ${summary.disabledRules.join(', ')}`);
  const errors = summary.problems.filter((p) => p.level === 'error');
  const warnings = summary.problems.filter((p) => p.level === 'warn');
  if (errors.length > 0) {
    io.info(s.red(`Fixtures that could not be read (${errors.length}):`));
    for (const p of errors) io.info(`  ${p.file}${p.index === undefined ? '' : ` [${p.index}]`}: ${p.reason}`);
  }
  for (const p of warnings) io.info(s.gray(`  ${p.file}: ${p.reason}`));
  for (const warning of summary.outputWarnings ?? []) io.warn(warning);
}
