/**
 * Reading test fixtures: files or folders, in StreamAlert's v3 format (a JSON list of events) and its 1.x
 * format (`{"records": [...]}`). A file or event that cannot be read becomes a problem that names it and says
 * why; it never stops the other tests.
 */
import { parsePublisherTests } from './publisher-tests';
import type { Ioc } from '../../runtime/threat-intel';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { displayPath, LOG_SERVICES, type LogService } from '../../runtime/config';
import { errorMessage } from '../../runtime/errors';
import { fillTimeHelpers } from './time-helpers';
import type { FixtureFormat, FixtureLookupTables, FixtureProblem, LoadedFixtures, TestEvent } from './types';
import { parseJsonText } from '../../runtime/config/read-json';

/** Files in fixture folders that are source or docs, not fixtures: skipped without a word. */
const NOT_FIXTURES = new Set(['.ts', '.js', '.mjs', '.cjs', '.md', '.map', '.yml', '.yaml']);

type Raw = Record<string, unknown>;

function isObject(value: unknown): value is Raw {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function isStringList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'string');
}

/** Every fixture candidate under the given paths: `.json` files, plus other stray files to report. */
function collectFiles(paths: readonly string[], problems: FixtureProblem[]): string[] {
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) {
        if (!name.startsWith('.') && name !== 'node_modules') walk(path);
      } else if (extname(name) === '.json') {
        files.push(path);
      } else if (!NOT_FIXTURES.has(extname(name))) {
        problems.push({ file: displayPath(path), level: 'warn', reason: 'skipped: not a fixture (fixtures are .json files)' });
      }
    }
  };
  for (const path of paths) {
    if (!existsSync(path)) {
      problems.push({ file: displayPath(path), level: 'error', reason: 'no such file or folder' });
    } else if (statSync(path).isDirectory()) {
      walk(path);
    } else {
      files.push(path);
    }
  }
  return files;
}

function lookupTablesOf(event: Raw): FixtureLookupTables {
  const tables = isObject(event.test_fixtures) ? event.test_fixtures.lookup_tables : undefined;
  return isObject(tables) ? (tables as FixtureLookupTables) : {};
}

/** `test_fixtures.threat_intel`: StreamAlert's mocked indicators (entries without an `ioc_value` are ignored). */
function threatIntelOf(event: Raw): Ioc[] | undefined {
  const list = isObject(event.test_fixtures) ? event.test_fixtures.threat_intel : undefined;
  if (!Array.isArray(list)) return undefined;
  return list.filter((i): i is Ioc => isObject(i) && typeof i.ioc_value === 'string');
}

/** Checks one event and turns it into a {@link TestEvent}, or returns why it cannot run. */
export function toTestEvent(raw: unknown, file: string, index: number, format: FixtureFormat, now: number): TestEvent | string {
  if (!isObject(raw)) return `must be an object, got ${Array.isArray(raw) ? 'a list' : typeof raw}`;
  const missing = ['description', 'service', 'source'].filter((k) => typeof raw[k] !== 'string');
  if (format === 'v3' && typeof raw.log !== 'string') missing.push('log');
  if (raw.data === undefined && !(format === 'v3' && isObject(raw.override_record))) {
    missing.push(format === 'v3' ? 'data (or override_record)' : 'data');
  }
  const classifyOnly = raw.classify_only === true;
  if (format === 'v3' && !classifyOnly && !isStringList(raw.trigger_rules)) missing.push('trigger_rules (or classify_only: true)');
  if (format === '1.x' && typeof raw.trigger !== 'boolean' && !isStringList(raw.trigger_rules)) missing.push('trigger');
  if (missing.length > 0) return `missing or invalid key${missing.length > 1 ? 's' : ''}: ${missing.join(', ')}`;
  if (!(LOG_SERVICES as readonly string[]).includes(String(raw.service))) {
    return `unknown service ${JSON.stringify(raw.service)} (expected one of ${LOG_SERVICES.join(', ')})`;
  }
  const filled = fillTimeHelpers(raw.data, now);
  if (filled.unknown.length > 0) return `unknown time helper ${filled.unknown[0]} (see lambda test --help)`;
  const publisherTests = parsePublisherTests(raw.publisher_tests);
  if (typeof publisherTests === 'string') return publisherTests;
  return {
    file,
    index,
    format,
    description: String(raw.description),
    log: typeof raw.log === 'string' ? raw.log : undefined,
    service: raw.service as LogService,
    source: String(raw.source),
    data: raw.data === undefined ? undefined : filled.value,
    overrideRecord: isObject(raw.override_record) ? (fillTimeHelpers(raw.override_record, now).value as Raw) : undefined,
    expectedRules: isStringList(raw.trigger_rules) ? raw.trigger_rules : undefined,
    expectTrigger: typeof raw.trigger === 'boolean' ? raw.trigger : undefined,
    triggerCount: typeof raw.trigger_count === 'number' ? raw.trigger_count : undefined,
    classifyOnly,
    compress: raw.compress === true,
    lookupTables: lookupTablesOf(raw),
    ...(threatIntelOf(raw) ? { threatIntel: threatIntelOf(raw) } : {}),
    ...(Object.keys(publisherTests).length > 0 ? { publisherTests } : {}),
  };
}

/** Reads one fixture file into events and problems. */
export function readFixtureFile(path: string, now: number = Date.now()): { events: TestEvent[]; problems: FixtureProblem[] } {
  const file = displayPath(path);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    return { events: [], problems: [{ file, level: 'error', reason: `cannot be read: ${errorMessage(err)}` }] };
  }
  // The configuration's JSON reader: a syntax error names its line and column, as config files do.
  const read = parseJsonText(text, file);
  if (!read.ok) return { events: [], problems: [{ file, level: 'error', reason: `not valid JSON${read.problem.message.replace(/^is not valid JSON/, '')}` }] };
  const parsed: unknown = read.value;
  let format: FixtureFormat;
  let list: unknown[];
  if (Array.isArray(parsed)) {
    format = 'v3';
    list = parsed;
  } else if (isObject(parsed) && Array.isArray(parsed.records)) {
    format = '1.x';
    list = parsed.records;
  } else {
    const reason = 'not a test fixture: expected a JSON list of events (v3) or {"records": [...]} (1.x)';
    return { events: [], problems: [{ file, level: 'error', reason }] };
  }
  const events: TestEvent[] = [];
  const problems: FixtureProblem[] = [];
  list.forEach((raw, index) => {
    const event = toTestEvent(raw, file, index, format, now);
    if (typeof event === 'string') problems.push({ file, index, level: 'error', reason: event });
    else events.push(event);
  });
  if (list.length === 0) problems.push({ file, level: 'warn', reason: 'has no test events' });
  return { events, problems };
}

/** Reads every fixture under `paths` (files or folders). */
export function loadFixtures(paths: readonly string[], now: number = Date.now()): LoadedFixtures {
  const problems: FixtureProblem[] = [];
  const files = collectFiles(paths, problems);
  const events: TestEvent[] = [];
  for (const path of files) {
    const read = readFixtureFile(path, now);
    events.push(...read.events);
    problems.push(...read.problems);
  }
  return { files: files.map(displayPath), events, problems };
}
