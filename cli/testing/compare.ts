/** Judging one test event: classified log types and triggered rules against what the fixture expects. */
import { closest } from '../../runtime/config/validate';
import type { AlertPublications } from './publisher-tests';
import type { TestEvent, TestResult } from './types';

/** What the rule processor did with one test event. */
export interface Observed {
  readonly cluster?: string;
  /** Log type of each classified record. */
  readonly logTypes: readonly string[];
  /** Rule name of each alert. */
  readonly alertRules: readonly string[];
  /** Why records were not classified or read, from the function's logs. */
  readonly problems: readonly string[];
  /** Exceptions thrown by rules, matchers or dynamic outputs (each fails the test). */
  readonly ruleErrors?: readonly string[];
  /** Set when the event could not be run at all. */
  readonly error?: string;
  /** What each output of each alert would receive. */
  readonly publications?: readonly AlertPublications[];
  /** Failed `publisher_tests` checks (each fails the test). */
  readonly publisherFailures?: readonly string[];
}

const uniqueSorted = (values: readonly string[]): string[] => [...new Set(values)].sort();

/** What the run knows exists, to tell a misspelled name from a rule that did not fire. */
export interface KnownNames {
  readonly rules: readonly string[];
  readonly logTypes: readonly string[];
}

const suggestion = (name: string, known: readonly string[]): string => {
  const guess = closest(name, known);
  return guess === undefined ? '' : ` (did you mean "${guess}"?)`;
};

/** The result of one test: pass when the log type and the set of triggered rules are as expected. */
export function judge(event: TestEvent, observed: Observed, disabled: ReadonlySet<string>, known?: KnownNames): TestResult {
  const reasons: string[] = [];
  const actualLogs = observed.logTypes;
  const actualRules = uniqueSorted(observed.alertRules);
  const expectedAll = uniqueSorted(event.expectedRules ?? []);
  const disabledRules = expectedAll.filter((r) => disabled.has(r));
  const expectedRules = expectedAll.filter((r) => !disabled.has(r));
  let missingRules: string[] = [];
  let unexpectedRules: string[] = [];

  if (known !== undefined && event.log !== undefined && !known.logTypes.includes(event.log)) {
    reasons.push(`unknown log type "${event.log}": no schema in conf/ declares it${suggestion(event.log, known.logTypes)}`);
  }
  if (observed.error) reasons.push(observed.error);
  else if (actualLogs.length === 0) {
    reasons.push(`not classified${observed.problems.length > 0 ? `: ${observed.problems.join('; ')}` : ''}`);
  } else if (event.log !== undefined && actualLogs.some((l) => l !== event.log)) {
    const why = observed.problems.length > 0 ? `; as ${event.log}: ${observed.problems.join('; ')}` : '';
    reasons.push(`classified as ${uniqueSorted(actualLogs).join(', ')}, expected ${event.log}${why}`);
  }
  for (const error of observed.ruleErrors ?? []) reasons.push(error);
  if (!event.classifyOnly) for (const failure of observed.publisherFailures ?? []) reasons.push(failure);
  if (!event.classifyOnly && !observed.error) {
    if (event.expectedRules !== undefined) {
      missingRules = expectedRules.filter((r) => !actualRules.includes(r));
      unexpectedRules = actualRules.filter((r) => !expectedRules.includes(r));
      const unknown = known === undefined ? [] : missingRules.filter((r) => !known.rules.includes(r));
      for (const name of unknown) reasons.push(`no rule named "${name}"${suggestion(name, known?.rules ?? [])}`);
      const silent = missingRules.filter((r) => !unknown.includes(r));
      if (silent.length > 0) reasons.push(`rules that did not fire: ${silent.join(', ')}`);
      if (unexpectedRules.length > 0) reasons.push(`rules that fired unexpectedly: ${unexpectedRules.join(', ')}`);
    } else if (event.expectTrigger !== undefined) {
      const count = observed.alertRules.length;
      if (event.expectTrigger && count === 0) reasons.push('expected an alert, got none');
      if (!event.expectTrigger && count > 0) reasons.push(`expected no alert, got ${count} (${actualRules.join(', ')})`);
      if (event.expectTrigger && event.triggerCount !== undefined && count !== event.triggerCount) {
        reasons.push(`expected ${event.triggerCount} alerts, got ${count}`);
      }
    }
  }
  return {
    file: event.file,
    index: event.index,
    description: event.description,
    service: event.service,
    source: event.source,
    cluster: observed.cluster,
    passed: reasons.length === 0,
    expectedLog: event.log,
    actualLogs,
    expectedRules,
    actualRules,
    missingRules,
    unexpectedRules,
    disabledRules,
    classifyOnly: event.classifyOnly,
    reasons,
    alerts: observed.alertRules.length,
    ...(observed.publications && observed.publications.length > 0 ? { publications: observed.publications } : {}),
  };
}
