/**
 * StreamAlert v3 `publisher_tests`: per output (`service:descriptor`), checks on what that output would
 * receive after the alert's publishers, each `{ jmespath_expression, condition, value }` or the triple
 * `[expression, condition, value]`; conditions `is` (equal), `in` (one of / substring of), `contains`
 * (has the element / substring / key). Nothing is sent.
 */
import jmespath from 'jmespath';
import { canonicalJson } from '../../runtime/rules/alert';
import type { Alert } from '../../runtime/rules/types';
import type { Publication } from '../../runtime/publishers/types';
import { errorMessage } from '../../runtime/errors';

/** One check of a publication. */
export interface PublisherTest {
  readonly expression: string;
  readonly condition: string;
  readonly value: unknown;
}

/** Output -> its checks. */
export type PublisherTests = Readonly<Record<string, readonly PublisherTest[]>>;

/** Makes the publication of one output (the bundle's own `composePublication`, with the rules' publishers). */
export type Compose = (alert: Alert, service: string, descriptor: string) => Publication;

/** What each output of an alert would receive, or why it cannot be made. */
export interface AlertPublications {
  readonly rule_name: string;
  readonly alert_id: string;
  readonly outputs: Readonly<Record<string, { readonly publication?: Publication; readonly error?: string }>>;
}

const CONDITIONS = ['is', 'in', 'contains'] as const;

/**
 * Reads a fixture event's `publisher_tests`; returns the problem (naming the output and position) when malformed.
 */
export function parsePublisherTests(raw: unknown): PublisherTests | string {
  if (raw === undefined) return {};
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return 'publisher_tests must be an object of output -> list of tests';
  const out: Record<string, PublisherTest[]> = {};
  for (const [output, list] of Object.entries(raw)) {
    if (!Array.isArray(list)) return `publisher_tests.${output} must be a list`;
    const tests: PublisherTest[] = [];
    for (const [i, t] of list.entries()) {
      const where = `publisher_tests.${output}[${i}]`;
      let test: PublisherTest;
      if (Array.isArray(t)) {
        if (t.length !== 3) return `${where} must be a triple [jmespath_expression, condition, value]`;
        test = { expression: String(t[0]), condition: String(t[1]), value: t[2] };
      } else if (typeof t === 'object' && t !== null && 'jmespath_expression' in t && 'condition' in t && 'value' in t) {
        const o = t as { jmespath_expression: unknown; condition: unknown; value: unknown };
        test = { expression: String(o.jmespath_expression), condition: String(o.condition), value: o.value };
      } else {
        return `${where} must be {jmespath_expression, condition, value} or a triple`;
      }
      if (!(CONDITIONS as readonly string[]).includes(test.condition)) return `${where}: condition ${JSON.stringify(test.condition)} is not one of ${CONDITIONS.join(', ')}`;
      tests.push(test);
    }
    out[output] = tests;
  }
  return out;
}

const same = (a: unknown, b: unknown): boolean => canonicalJson(a) === canonicalJson(b);

function holds(condition: string, subject: unknown, value: unknown): boolean {
  if (condition === 'is') return same(subject, value);
  if (condition === 'in') {
    if (Array.isArray(value)) return value.some((v) => same(v, subject));
    return typeof value === 'string' && typeof subject === 'string' && value.includes(subject);
  }
  // contains
  if (typeof subject === 'string') return typeof value === 'string' && subject.includes(value);
  if (Array.isArray(subject)) return subject.some((s) => same(s, value));
  if (typeof subject === 'object' && subject !== null) return typeof value === 'string' && Object.prototype.hasOwnProperty.call(subject, value);
  return false;
}

const CLAUSE: Readonly<Record<string, string>> = { is: 'should have been', in: 'should have been one of', contains: 'should have contained' };

/** What every output of `alert` would receive. */
export function publicationsOf(alert: Alert, compose: Compose): AlertPublications {
  const outputs: Record<string, { publication?: Publication; error?: string }> = {};
  for (const output of alert.outputs) {
    const at = output.indexOf(':');
    try {
      outputs[output] = { publication: compose(alert, output.slice(0, at), output.slice(at + 1)) };
    } catch (err) {
      outputs[output] = { error: errorMessage(err) };
    }
  }
  return { rule_name: alert.rule_name, alert_id: alert.alert_id, outputs };
}

/** Runs the checks against every alert's publications; returns one line per failed check. */
export function checkPublications(publications: readonly AlertPublications[], tests: PublisherTests): string[] {
  const failures: string[] = [];
  for (const alert of publications) {
    for (const [output, checks] of Object.entries(tests)) {
      const made = alert.outputs[output];
      if (made === undefined) {
        failures.push(`publisher test: output ${output} is not an output of rule ${alert.rule_name}`);
        continue;
      }
      if (made.publication === undefined) {
        failures.push(`publisher test: ${output} of rule ${alert.rule_name}: ${made.error ?? 'no publication'}`);
        continue;
      }
      for (const check of checks) {
        let subject: unknown;
        try {
          subject = jmespath.search(made.publication as never, check.expression);
        } catch (err) {
          failures.push(`publisher test: ${output}: bad JMESPath ${JSON.stringify(check.expression)}: ${errorMessage(err)}`);
          continue;
        }
        if (!holds(check.condition, subject, check.value)) {
          failures.push(`publisher test: ${output}: ${check.expression} ${CLAUSE[check.condition]} ${JSON.stringify(check.value)}, got ${JSON.stringify(subject) ?? 'null'}`);
        }
      }
    }
  }
  return failures;
}
