/**
 * Every StreamAlert v3.5.0 schema loads and compiles, and every StreamAlert v3.5.0 test event classifies as its
 * declared log type, with the log types of its family as candidates and with every log type as candidates.
 * (tests/integration/corpus-classification.test.ts does the same with the candidates of the imported
 * configuration's data sources.)
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { createClassifier } from '../../../../runtime/classifier';
import { logFamily, type Config, type FieldType } from '../../../../runtime/config';
import { CORPUS_DIR } from '../../../_helpers/paths';
import { configWith, corpusSchemaFiles } from './classifier-helpers';

interface TestEvent {
  readonly log: string;
  readonly description?: string;
  readonly data?: unknown;
  readonly override_record?: Record<string, unknown>;
}

const EVENTS_DIR = join(CORPUS_DIR, 'events', 'v3.5.0', 'rules');

function eventFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return eventFiles(path);
    return name.endsWith('.json') ? [path] : [];
  });
}

/** StreamAlert's default value of a type (the test harness's `override_record` base). */
function defaultOf(type: FieldType): unknown {
  if (Array.isArray(type)) return [];
  if (typeof type === 'object') return {};
  return { string: '', integer: 0, float: 0, boolean: false, ipaddress: '' }[type as string];
}

/** The data a test event sends: `data`, or the schema's defaults overridden by `override_record`. */
function eventData(event: TestEvent, config: Config): unknown {
  if (!event.override_record) return event.data;
  const log = config.logs[event.log];
  const schema = log.configuration.envelope_keys ?? log.schema;
  const defaults = Object.fromEntries(Object.entries(schema).map(([key, type]) => [key, defaultOf(type)]));
  return { ...defaults, ...event.override_record };
}

const config = configWith({}, corpusSchemaFiles());
const classifier = createClassifier(config);
const events = eventFiles(EVENTS_DIR).flatMap((file) =>
  (JSON.parse(readFileSync(file, 'utf8')) as TestEvent[]).map((event, i) => ({ name: `${relative(EVENTS_DIR, file)}[${i}]`, event })),
);

describe('StreamAlert v3.5.0 schemas', () => {
  it('all load and compile', () => {
    expect(classifier.logTypes.length).toBeGreaterThan(60);
    expect(classifier.logTypes).toEqual(expect.arrayContaining(['cloudtrail:events', 'osquery:differential', 'pan', 'cloudwatch:rds_aurora']));
  });

  it('have test events to check', () => {
    expect(events.length).toBeGreaterThan(50);
  });

  it.each([
    ['the log types of its family', (log: string) => classifier.logTypes.filter((t) => logFamily(t) === logFamily(log))],
    ['every log type', () => classifier.logTypes],
  ])('classify every test event as its declared log type, with %s as candidates', (_name, candidatesFor) => {
    const mismatches = events.flatMap(({ name, event }) => {
      const outcome = classifier.classify(
        { data: eventData(event, config), source: { service: 'kinesis', resource: 'corpus' } },
        candidatesFor(event.log),
      );
      if (outcome.ok && outcome.log_type === event.log) return [];
      const why = outcome.ok
        ? `classified as ${outcome.log_type}`
        : outcome.unclassified.candidates.find((c) => c.log_type === event.log)?.reason ?? outcome.unclassified.reason;
      return [`${name} (${event.description ?? ''}): want ${event.log}, ${why}`];
    });
    expect(mismatches).toEqual([]);
  });
});
