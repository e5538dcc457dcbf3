/**
 * The log-type fixture set: one or more samples per log type, built from each vendor's documented example
 * (tests/_fixtures/log-types/*.json, each entry naming its source), plus the rule fixtures of the project
 * for the bundled types whose vendor publishes no sample (StreamAlert's own formats, GHE via logstash...).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fillTimeHelpers } from '../../cli/testing/time-helpers';
import { REPO_ROOT } from './paths';

/** One sample: the log type it must classify as, where it came from, and the raw data. */
export interface LogTypeFixture {
  readonly log: string;
  readonly source: string;
  /** A text line, or a JSON value (sent as its JSON text). */
  readonly data: unknown;
}

export const LOG_TYPE_FIXTURES_DIR = join(REPO_ROOT, 'tests', '_fixtures', 'log-types');

/** The vendor-documented samples. */
export function vendorFixtures(): LogTypeFixture[] {
  return readdirSync(LOG_TYPE_FIXTURES_DIR)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .flatMap((f) => JSON.parse(readFileSync(join(LOG_TYPE_FIXTURES_DIR, f), 'utf8')) as LogTypeFixture[]);
}

function jsonFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return jsonFiles(path);
    return name.endsWith('.json') ? [path] : [];
  });
}

/** The rule fixtures of rules/ (StreamAlert v3 format) as samples, for types no vendor sample covers. */
export function ruleFixtures(): LogTypeFixture[] {
  return jsonFiles(join(REPO_ROOT, 'rules')).flatMap((file) => {
    const events = JSON.parse(readFileSync(file, 'utf8')) as { log?: string; data?: unknown }[];
    return events
      .filter((e) => typeof e.log === 'string' && e.data !== undefined)
      // Rule fixtures may hold time helpers (<helper:last_hour>): filled as `lambda test` fills them.
      .map((e) => ({ log: e.log as string, source: `rule fixture ${file.slice(REPO_ROOT.length + 1)}`, data: fillTimeHelpers(e.data).value }));
  });
}

/** The raw text of a sample, as a log line or object body would carry it. */
export function fixtureText(fixture: LogTypeFixture): string {
  return typeof fixture.data === 'string' ? fixture.data : JSON.stringify(fixture.data);
}
